-- analysis page: sustained work, exits (to work) and relapse of the given areas for the
-- given periods (one period, or the months of a period) and one definition
select d.area_level, d.area_code, coalesce(a.area_name, d.area_code) as area_name,
       d.period_type, d.period,
       d.sustained_base, d.sustained_n, d.exits, d.exits_base, d.exits_to_work,
       d.relapse_base, d.relapse_n
from mart_dynamics__area_period_by_definition d
left join dim_area a on a.area_level = d.area_level and a.area_code = d.area_code
where d.include_ell = $ell and d.art60_is_work = $art60
  and d.period_type = $period_type and d.period in (select unnest($periods))
  and d.area_code in (select unnest($codes))
  and list_contains($areas, d.area_level || '|' || d.area_code)
order by d.area_level, d.area_code, d.period
