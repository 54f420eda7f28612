-- mart_breakdown__area_period: the indicators per category of each breakdown.
CREATE OR REPLACE TEMP TABLE core_long AS
UNPIVOT (
    SELECT person_id, nis_code, month_idx, is_registered, is_guidance,
           is_work_6m_observed, has_work_6m, is_work_12m_observed, has_work_12m,
           age_band, gender, education, origin, household, benefit_type, benefit_duration
    FROM core_person_month
)
ON age_band, gender, education, origin, household, benefit_type, benefit_duration
INTO NAME dimension VALUE category;

CREATE OR REPLACE TEMP TABLE muni_month_cat AS
SELECT
    nis_code, month_idx, dimension, category,
    count(*) AS person_months,
    count_if(is_registered) AS n_registered,
    count_if(is_guidance) AS n_guidance,
    count_if(is_work_6m_observed) AS work_6m_base,
    count_if(has_work_6m) AS work_6m_n,
    count_if(is_work_12m_observed) AS work_12m_base,
    count_if(has_work_12m) AS work_12m_n
FROM core_long
GROUP BY ALL;

-- Distinct persons per category, counted as in 02_indicators.sql.
CREATE OR REPLACE TEMP TABLE person_period_cat AS
SELECT c.person_id, p.period_type, p.period, c.dimension, c.category,
       min(c.nis_code) AS nis_min, max(c.nis_code) AS nis_max
FROM core_long c
JOIN period_month p ON p.month_idx = c.month_idx AND p.period_type <> 'month'
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE distinct_persons_cat AS
WITH singles AS (
    SELECT nis_min AS nis_code, period_type, period, dimension, category, count(*) AS n
    FROM person_period_cat WHERE nis_min = nis_max
    GROUP BY ALL
),
movers AS (
    SELECT DISTINCT b.area_level, b.area_code, m.period_type, m.period, m.dimension, m.category, m.person_id
    FROM (SELECT * FROM person_period_cat WHERE nis_min <> nis_max) m
    JOIN core_long c ON c.person_id = m.person_id AND c.dimension = m.dimension AND c.category = m.category
    JOIN period_month p ON p.month_idx = c.month_idx AND p.period_type = m.period_type AND p.period = m.period
    JOIN bridge_area_municipality b ON b.nis_code = c.nis_code
),
counted AS (
    SELECT b.area_level, b.area_code, s.period_type, s.period, s.dimension, s.category, s.n
    FROM singles s JOIN bridge_area_municipality b ON b.nis_code = s.nis_code
    UNION ALL
    SELECT area_level, area_code, period_type, period, dimension, category, 1 FROM movers
)
SELECT area_level, area_code, period_type, period, dimension, category, sum(n) AS leefloners
FROM counted
GROUP BY ALL;

CREATE OR REPLACE TABLE mart_breakdown__area_period AS
WITH additive AS (
    SELECT
        b.area_level, b.area_code, p.period_type, p.period, m.dimension, m.category,
        sum(m.person_months)::BIGINT AS person_months,
        sum(m.n_registered)::BIGINT AS n_registered,
        sum(m.n_guidance)::BIGINT AS n_guidance,
        sum(m.work_6m_base)::BIGINT AS work_6m_base,
        sum(m.work_6m_n)::BIGINT AS work_6m_n,
        sum(m.work_12m_base)::BIGINT AS work_12m_base,
        sum(m.work_12m_n)::BIGINT AS work_12m_n
    FROM muni_month_cat m
    JOIN bridge_area_municipality b ON b.nis_code = m.nis_code
    JOIN period_month p ON p.month_idx = m.month_idx
    GROUP BY ALL
)
SELECT
    a.area_level, a.area_code, a.period_type, a.period, a.dimension, a.category,
    coalesce(d.leefloners, a.person_months)::BIGINT AS leefloners,
    a.person_months, a.n_registered, a.n_guidance,
    a.work_6m_base, a.work_6m_n, a.work_12m_base, a.work_12m_n,
    a.n_registered / nullif(a.person_months, 0) AS registration_rate,
    a.n_guidance / nullif(a.person_months, 0) AS guidance_rate,
    a.work_6m_n / nullif(a.work_6m_base, 0) AS work_6m_rate,
    a.work_12m_n / nullif(a.work_12m_base, 0) AS work_12m_rate
FROM additive a
LEFT JOIN distinct_persons_cat d USING (area_level, area_code, period_type, period, dimension, category)
ORDER BY a.area_level, a.area_code, a.period_type, a.period, a.dimension, a.category;
