-- analysis page: the areas a municipality belongs to (for nested comparisons)
select area_level, area_code
from bridge_area_municipality
where nis_code = $nis
