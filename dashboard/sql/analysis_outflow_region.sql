-- analysis page: work within the horizon split by the region of the first work month,
-- for the given areas, one period and one definition
select o.area_level, o.area_code, coalesce(a.area_name, o.area_code) as area_name,
       o.period_type, o.period, o.horizon_months, o.category, o.n
from mart_outflow__area_period_by_definition o
left join dim_area a on a.area_level = o.area_level and a.area_code = o.area_code
where o.include_ell = $ell and o.art60_is_work = $art60
  and o.period_type = $period_type and o.period = $period
  and o.horizon_months = $horizon and o.split = 'work_region'
  and o.area_code in (select unnest($codes))
  and list_contains($areas, o.area_level || '|' || o.area_code)
