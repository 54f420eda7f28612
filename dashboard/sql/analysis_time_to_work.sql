-- analysis page: spells by entry-cohort year and months to the first work month
-- (events) or to the end of the work feed (censored), for the given areas; the input
-- of the Kaplan-Meier curves. Never shown as such: only the curves leave the module.
select area_level, area_code, cohort_year, months, n_events, n_censored
from mart_time_to_work__area_cohort_by_definition
where include_ell = $ell and art60_is_work = $art60
  and area_code in (select unnest($codes))
  and list_contains($areas, area_level || '|' || area_code)
order by area_level, area_code, cohort_year, months
