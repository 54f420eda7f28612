-- breakdown rows of the given areas for one period
select b.area_level, b.area_code, a.area_name, b.period_type, b.period, b.dimension, b.category,
       b.leefloners, b.person_months, b.n_registered, b.n_guidance,
       b.work_6m_base, b.work_6m_n, b.work_12m_base, b.work_12m_n,
       b.registration_rate, b.guidance_rate, b.work_6m_rate, b.work_12m_rate
from mart_breakdown__area_period b
left join dim_area a on a.area_level = b.area_level and a.area_code = b.area_code
where b.period_type = $period_type and b.period = $period
  and b.area_code in (select unnest($codes))  -- lets DuckDB prune before the pair test
  and list_contains($areas, b.area_level || '|' || b.area_code)
