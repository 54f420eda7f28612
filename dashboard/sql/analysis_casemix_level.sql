-- analysis page: observed and expected work of every municipality for one period and
-- definition (the ranking on O/E beside the raw ranking)
select c.area_level, c.area_code, m.name_nl as area_name, c.period_type, c.period,
       c.work_6m_n, c.work_6m_expected, c.work_12m_n, c.work_12m_expected,
       i.work_6m_base, i.work_12m_base
from mart_casemix__area_period_by_definition c
join dim_municipality m on m.nis_code = c.area_code
left join mart_indicators__area_period_by_definition i
  on i.include_ell = c.include_ell and i.art60_is_work = c.art60_is_work
 and i.area_level = c.area_level and i.area_code = c.area_code
 and i.period_type = c.period_type and i.period = c.period
where c.include_ell = $ell and c.art60_is_work = $art60
  and c.period_type = $period_type and c.period = $period
  and c.area_level = 'municipality'
order by m.name_nl
