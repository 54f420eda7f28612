-- analysis page: a municipality's k most similar municipalities (etl/peers.py)
select d.rank, d.peer_nis as nis_code, m.name_nl as name, d.distance,
       m.province_name, m.is_centre_city
from peer_distance d
join dim_municipality m on m.nis_code = d.peer_nis
where d.nis_code = $nis
order by d.rank
