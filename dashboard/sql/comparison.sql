-- the comparison groups of one municipality, with the group's name
select c.group_kind, c.area_level, c.area_code, c.rank, c.distance_km,
       coalesce(a.area_name, m.name_nl) as area_name
from municipality_comparison c
left join dim_area a on a.area_level = c.area_level and a.area_code = c.area_code
left join dim_municipality m on c.area_level = 'municipality' and m.nis_code = c.area_code
where c.nis_code = $nis
order by c.group_kind, c.rank
