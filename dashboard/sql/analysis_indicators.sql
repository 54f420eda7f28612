-- analysis page: indicator rows of the given areas (keys 'level|code') for one period,
-- under one definition ($ell: equivalent leefloon counted, $art60: art. 60 counts as work)
select i.include_ell, i.art60_is_work, i.area_level, i.area_code,
       coalesce(a.area_name, i.area_code) as area_name, i.period_type, i.period,
       i.leefloners, i.person_months, i.n_registered, i.n_guidance,
       i.work_6m_base, i.work_6m_n, i.work_12m_base, i.work_12m_n,
       i.registration_rate, i.guidance_rate, i.work_6m_rate, i.work_12m_rate
from mart_indicators__area_period_by_definition i
left join dim_area a on a.area_level = i.area_level and a.area_code = i.area_code
where i.include_ell = $ell and i.art60_is_work = $art60
  and i.period_type = $period_type and i.period = $period
  and i.area_code in (select unnest($codes))  -- lets DuckDB prune before the pair test
  and list_contains($areas, i.area_level || '|' || i.area_code)
