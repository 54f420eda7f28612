-- areas of one level (province, region, ...) with their names
select area_level, area_code, area_name, sort_key
from dim_area
where area_level = $level
order by sort_key, area_name
