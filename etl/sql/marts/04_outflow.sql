-- mart_outflow__area_period_by_definition: work within 6 and 12 months by the
-- type and the region of the first work month after t.
CREATE OR REPLACE TABLE mart_outflow__area_period_by_definition AS
WITH muni AS (
    SELECT include_ell, art60_is_work, nis_code, month_idx, 6 AS horizon_months,
           first_work_type, first_work_region, count(*) AS n
    FROM core_def WHERE has_work_6m GROUP BY ALL
    UNION ALL
    SELECT include_ell, art60_is_work, nis_code, month_idx, 12, first_work_type, first_work_region, count(*)
    FROM core_def WHERE has_work_12m GROUP BY ALL
),
split AS (
    SELECT include_ell, art60_is_work, nis_code, month_idx, horizon_months,
           'work_type' AS split, first_work_type AS category, sum(n) AS n
    FROM muni GROUP BY ALL
    UNION ALL
    SELECT include_ell, art60_is_work, nis_code, month_idx, horizon_months,
           'work_region', first_work_region, sum(n)
    FROM muni GROUP BY ALL
)
SELECT m.include_ell, m.art60_is_work, b.area_level, b.area_code, p.period_type, p.period,
       m.horizon_months, m.split, m.category, sum(m.n)::BIGINT AS n
FROM split m
JOIN bridge_area_municipality b ON b.nis_code = m.nis_code
JOIN period_month p ON p.month_idx = m.month_idx
GROUP BY ALL
ORDER BY b.area_level, b.area_code;
