-- analysis page: indicator rows of every municipality for one period and definition
-- (the funnel plot and the rankings); municipalities without rows are left out
select i.include_ell, i.art60_is_work, i.area_level, i.area_code, m.name_nl as area_name,
       i.period_type, i.period,
       i.leefloners, i.person_months, i.n_registered, i.n_guidance,
       i.work_6m_base, i.work_6m_n, i.work_12m_base, i.work_12m_n,
       i.registration_rate, i.guidance_rate, i.work_6m_rate, i.work_12m_rate
from mart_indicators__area_period_by_definition i
join dim_municipality m on m.nis_code = i.area_code
where i.include_ell = $ell and i.art60_is_work = $art60
  and i.period_type = $period_type and i.period = $period
  and i.area_level = 'municipality'
order by m.name_nl
