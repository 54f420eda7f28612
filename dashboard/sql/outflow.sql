-- outflow to work split by work type or region, for the given areas and one period
select o.area_level, o.area_code, a.area_name, o.period_type, o.period,
       o.horizon_months, o.split, o.category, o.n
from mart_outflow__area_period o
left join dim_area a on a.area_level = o.area_level and a.area_code = o.area_code
where o.period_type = $period_type and o.period = $period and o.horizon_months = $horizon
  and o.area_code in (select unnest($codes))  -- lets DuckDB prune before the pair test
  and list_contains($areas, o.area_level || '|' || o.area_code)
