-- the current Flemish municipalities
select nis_code, name_nl, name_fr, province_code, province_name, arrondissement_code,
       arrondissement_name, region_code, region_name, region_kind, is_centre_city,
       label_lon, label_lat
from dim_municipality
order by name_nl
