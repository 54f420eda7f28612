-- analysis page: observed and expected work (indirect standardisation) of the given
-- areas for one period and definition, with the denominators of the raw rates
select c.area_level, c.area_code, coalesce(a.area_name, c.area_code) as area_name,
       c.period_type, c.period,
       c.work_6m_n, c.work_6m_expected, c.work_12m_n, c.work_12m_expected,
       i.work_6m_base, i.work_12m_base
from mart_casemix__area_period_by_definition c
left join mart_indicators__area_period_by_definition i
  on i.include_ell = c.include_ell and i.art60_is_work = c.art60_is_work
 and i.area_level = c.area_level and i.area_code = c.area_code
 and i.period_type = c.period_type and i.period = c.period
left join dim_area a on a.area_level = c.area_level and a.area_code = c.area_code
where c.include_ell = $ell and c.art60_is_work = $art60
  and c.period_type = $period_type and c.period = $period
  and c.area_code in (select unnest($codes))
  and list_contains($areas, c.area_level || '|' || c.area_code)
