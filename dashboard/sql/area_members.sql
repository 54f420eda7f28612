-- the municipalities that make up an area
select b.nis_code, m.name_nl
from bridge_area_municipality b
join dim_municipality m using (nis_code)
where b.area_level = $level and b.area_code = $code
order by m.name_nl
