-- indicator rows of the given areas (keys 'level|code') for every period of one type;
-- an area without leefloners in a period gets zero counts and empty rates
select a.area_level, a.area_code, a.area_name, p.period_type, p.period,
       p.first_month, p.is_complete, p.sort_key,
       coalesce(i.leefloners, 0) as leefloners, coalesce(i.person_months, 0) as person_months,
       coalesce(i.n_registered, 0) as n_registered, coalesce(i.n_guidance, 0) as n_guidance,
       coalesce(i.work_6m_base, 0) as work_6m_base, coalesce(i.work_6m_n, 0) as work_6m_n,
       coalesce(i.work_12m_base, 0) as work_12m_base, coalesce(i.work_12m_n, 0) as work_12m_n,
       i.registration_rate, i.guidance_rate, i.work_6m_rate, i.work_12m_rate
from dim_area a
cross join dim_period p
left join mart_indicators__area_period i
  on i.area_level = a.area_level and i.area_code = a.area_code
 and i.period_type = p.period_type and i.period = p.period
where p.period_type = $period_type
  and a.area_code in (select unnest($codes))  -- lets DuckDB prune before the pair test
  and list_contains($areas, a.area_level || '|' || a.area_code)
order by p.sort_key, a.area_level, a.area_code
