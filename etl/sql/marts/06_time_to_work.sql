-- mart_time_to_work__area_cohort_by_definition: for Kaplan-Meier curves of the
-- months from the start of a benefit spell to the first work month, by the year
-- the spell started. Spells that began before the first loaded month are left
-- out (their start is unknown). A spell without work is censored at the last
-- month of the work feed ($last_work_idx).
CREATE OR REPLACE TABLE mart_time_to_work__area_cohort_by_definition AS
WITH spells AS (
    SELECT
        include_ell, art60_is_work, nis_code, year AS cohort_year,
        months_to_work IS NOT NULL AS is_event,
        coalesce(months_to_work, $last_work_idx - month_idx) AS months
    FROM core_def
    WHERE is_spell_start AND month_idx <= $last_work_idx
),
muni AS (
    SELECT include_ell, art60_is_work, nis_code, cohort_year, months,
           count_if(is_event) AS n_events, count_if(NOT is_event) AS n_censored
    FROM spells GROUP BY ALL
)
SELECT m.include_ell, m.art60_is_work, b.area_level, b.area_code, m.cohort_year, m.months,
       sum(m.n_events)::BIGINT AS n_events, sum(m.n_censored)::BIGINT AS n_censored
FROM muni m
JOIN bridge_area_municipality b ON b.nis_code = m.nis_code
GROUP BY ALL
ORDER BY ALL;
