-- mart_outflow__area_period: work within 6 and 12 months by the type and the
-- region of the first work month after t.
CREATE OR REPLACE TABLE mart_outflow__area_period AS
WITH muni AS (
    SELECT nis_code, month_idx, 6 AS horizon_months, 'work_type' AS split, first_work_type AS category, count(*) AS n
    FROM core_person_month WHERE has_work_6m GROUP BY ALL
    UNION ALL
    SELECT nis_code, month_idx, 12, 'work_type', first_work_type, count(*)
    FROM core_person_month WHERE has_work_12m GROUP BY ALL
    UNION ALL
    SELECT nis_code, month_idx, 6, 'work_region', first_work_region, count(*)
    FROM core_person_month WHERE has_work_6m GROUP BY ALL
    UNION ALL
    SELECT nis_code, month_idx, 12, 'work_region', first_work_region, count(*)
    FROM core_person_month WHERE has_work_12m GROUP BY ALL
)
SELECT b.area_level, b.area_code, p.period_type, p.period, m.horizon_months, m.split, m.category,
       sum(m.n)::BIGINT AS n
FROM muni m
JOIN bridge_area_municipality b ON b.nis_code = m.nis_code
JOIN period_month p ON p.month_idx = m.month_idx
GROUP BY ALL
ORDER BY ALL;
