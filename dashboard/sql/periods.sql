-- every period with at least one loaded benefit month
select period_type, period, first_month, last_month, n_months, n_months_loaded,
       is_complete, sort_key
from dim_period
order by sort_key
