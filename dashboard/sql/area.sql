-- one area by level and code
select area_level, area_code, area_name
from dim_area
where area_level = $level and area_code = $code
