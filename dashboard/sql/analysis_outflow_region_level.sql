-- analysis page: per municipality, work within the horizon in total and outside
-- Flanders (Brussels, Wallonia, abroad), for one period and definition (the map)
select o.area_code as nis_code, m.name_nl as name,
       sum(o.n)::BIGINT as n_total,
       coalesce(sum(o.n) filter (where o.category in ('BRU', 'WAL', 'BUI')), 0)::BIGINT as n_outside
from mart_outflow__area_period_by_definition o
join dim_municipality m on m.nis_code = o.area_code
where o.include_ell = $ell and o.art60_is_work = $art60
  and o.period_type = $period_type and o.period = $period
  and o.horizon_months = $horizon and o.split = 'work_region'
  and o.area_level = 'municipality'
group by all
order by m.name_nl
