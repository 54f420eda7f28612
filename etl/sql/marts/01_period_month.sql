-- Which periods each loaded month belongs to.
CREATE OR REPLACE TEMP TABLE period_month AS
WITH months AS (SELECT DISTINCT month_idx FROM benefit_month)
SELECT month_idx, 'month' AS period_type,
       printf('%04d-%02d', month_idx // 12, month_idx % 12 + 1) AS period
FROM months
UNION ALL
SELECT month_idx, 'quarter', printf('%04d-Q%d', month_idx // 12, (month_idx % 12) // 3 + 1) FROM months
UNION ALL
SELECT month_idx, 'year', printf('%04d', month_idx // 12) FROM months;

CREATE OR REPLACE TABLE dim_period AS
SELECT
    period_type,
    period,
    printf('%04d-%02d', min(month_idx) // 12, min(month_idx) % 12 + 1) AS first_month,
    printf('%04d-%02d', max(month_idx) // 12, max(month_idx) % 12 + 1) AS last_month,
    CASE period_type WHEN 'month' THEN 1 WHEN 'quarter' THEN 3 ELSE 12 END AS n_months,
    count(*) AS n_months_loaded,
    count(*) = CASE period_type WHEN 'month' THEN 1 WHEN 'quarter' THEN 3 ELSE 12 END AS is_complete,
    min(month_idx) AS sort_key
FROM period_month
GROUP BY period_type, period;
