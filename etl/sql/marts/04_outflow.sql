-- mart_outflow__area_period_by_definition: work within 6 and 12 months by the
-- type and the region of the first work month after t, per quarter and per year
-- (like the breakdowns: per month the splits of most municipalities are too small
-- to show, and monthly rows would be two thirds of the table).
-- Counted once over the person-months, by benefit type and with both work
-- definitions side by side (the _x columns leave art. 60 out), rolled up from
-- months to periods per municipality, then spread over the areas.
CREATE OR REPLACE TABLE mart_outflow__area_period_by_definition AS
WITH outcome AS (
    SELECT nis_code, month_idx, benefit_type = 'LL' AS is_ll, true AS art60_is_work, 6 AS horizon_months,
           first_work_type AS work_type, first_work_region AS work_region
    FROM core_recent WHERE has_work_6m
    UNION ALL
    SELECT nis_code, month_idx, benefit_type = 'LL', true, 12, first_work_type, first_work_region
    FROM core_recent WHERE has_work_12m
    UNION ALL
    SELECT nis_code, month_idx, benefit_type = 'LL', false, 6, first_work_type_x, first_work_region_x
    FROM core_recent WHERE has_work_6m_x
    UNION ALL
    SELECT nis_code, month_idx, benefit_type = 'LL', false, 12, first_work_type_x, first_work_region_x
    FROM core_recent WHERE has_work_12m_x
),
counted AS (
    SELECT nis_code, month_idx, is_ll, art60_is_work, horizon_months, work_type, work_region, count(*) AS n
    FROM outcome GROUP BY ALL
),
split AS (
    SELECT nis_code, month_idx, is_ll, art60_is_work, horizon_months,
           'work_type' AS split, work_type AS category, sum(n) AS n
    FROM counted GROUP BY ALL
    UNION ALL
    SELECT nis_code, month_idx, is_ll, art60_is_work, horizon_months, 'work_region', work_region, sum(n)
    FROM counted GROUP BY ALL
),
muni_period AS (
    SELECT d.include_ell, s.art60_is_work, s.nis_code, p.period_type, p.period, s.horizon_months,
           s.split, s.category, sum(s.n) AS n
    FROM split s
    JOIN (SELECT DISTINCT include_ell FROM definitions) d ON d.include_ell OR s.is_ll
    JOIN period_month p ON p.month_idx = s.month_idx AND p.period_type <> 'month'
    GROUP BY ALL
)
SELECT m.include_ell, m.art60_is_work, b.area_level, b.area_code, m.period_type, m.period,
       m.horizon_months, m.split, m.category, sum(m.n)::BIGINT AS n
FROM muni_period m
JOIN bridge_area_municipality b ON b.nis_code = m.nis_code
GROUP BY ALL
ORDER BY b.area_level, b.area_code;
