-- mart_breakdown__area_period: the indicators per category of each breakdown, per
-- quarter and per year, in the contract's definition only (equivalent leefloon
-- included, art. 60 counted as work): nothing reads a breakdown in another
-- definition, and these counts are the most expensive part of a load.
CREATE OR REPLACE TEMP TABLE muni_month_cat_raw AS
SELECT
    nis_code, month_idx,
    CASE
        WHEN GROUPING(age_band) = 0 THEN 'age_band'
        WHEN GROUPING(gender) = 0 THEN 'gender'
        WHEN GROUPING(education) = 0 THEN 'education'
        WHEN GROUPING(origin) = 0 THEN 'origin'
        WHEN GROUPING(household) = 0 THEN 'household'
        WHEN GROUPING(benefit_duration) = 0 THEN 'benefit_duration'
        ELSE 'benefit_type'
    END AS dimension,
    coalesce(age_band, gender, education, origin, household, benefit_duration, benefit_type) AS category,
    count(*) AS person_months,
    count_if(is_registered) AS n_registered,
    count_if(is_guidance) AS n_guidance,
    count_if(is_work_6m_observed) AS work_6m_base,
    count_if(has_work_6m) AS work_6m_n,
    count_if(is_work_12m_observed) AS work_12m_base,
    count_if(has_work_12m) AS work_12m_n
FROM core_recent
GROUP BY GROUPING SETS (
    (nis_code, month_idx, benefit_type, age_band), (nis_code, month_idx, benefit_type, gender),
    (nis_code, month_idx, benefit_type, education), (nis_code, month_idx, benefit_type, origin),
    (nis_code, month_idx, benefit_type, household), (nis_code, month_idx, benefit_type, benefit_duration),
    (nis_code, month_idx, benefit_type)
);

-- Months are rolled up to periods per municipality first, then to the areas.
-- Breakdowns are published per quarter and per year only: per month most
-- categories of most municipalities are too small to show, and the table would
-- be three times larger (docs/etl.md).
CREATE OR REPLACE TEMP TABLE muni_period_cat AS
SELECT
    m.nis_code, p.period_type, p.period, m.dimension, m.category,
    sum(m.person_months)::BIGINT AS person_months,
    sum(m.n_registered)::BIGINT AS n_registered,
    sum(m.n_guidance)::BIGINT AS n_guidance,
    sum(m.work_6m_base)::BIGINT AS work_6m_base,
    sum(m.work_6m_n)::BIGINT AS work_6m_n,
    sum(m.work_12m_base)::BIGINT AS work_12m_base,
    sum(m.work_12m_n)::BIGINT AS work_12m_n
FROM muni_month_cat_raw m
JOIN period_month p ON p.month_idx = m.month_idx AND p.period_type <> 'month'
GROUP BY ALL;

CREATE OR REPLACE TABLE mart_breakdown__area_period AS
WITH additive AS (
    SELECT
        b.area_level, b.area_code, m.period_type, m.period,
        m.dimension, m.category,
        sum(m.person_months)::BIGINT AS person_months,
        sum(m.n_registered)::BIGINT AS n_registered,
        sum(m.n_guidance)::BIGINT AS n_guidance,
        sum(m.work_6m_base)::BIGINT AS work_6m_base,
        sum(m.work_6m_n)::BIGINT AS work_6m_n,
        sum(m.work_12m_base)::BIGINT AS work_12m_base,
        sum(m.work_12m_n)::BIGINT AS work_12m_n
    FROM muni_period_cat m
    JOIN bridge_area_municipality b ON b.nis_code = m.nis_code
    GROUP BY ALL
)
SELECT
    a.area_level, a.area_code, a.period_type, a.period, a.dimension, a.category,
    d.leefloners::BIGINT AS leefloners,
    a.person_months, a.n_registered, a.n_guidance,
    a.work_6m_base, a.work_6m_n, a.work_12m_base, a.work_12m_n,
    a.n_registered / nullif(a.person_months, 0) AS registration_rate,
    a.n_guidance / nullif(a.person_months, 0) AS guidance_rate,
    a.work_6m_n / nullif(a.work_6m_base, 0) AS work_6m_rate,
    a.work_12m_n / nullif(a.work_12m_base, 0) AS work_12m_rate
FROM additive a
JOIN (SELECT area_level, area_code, period_type, period, dimension, category,
             sum(leefloners) AS leefloners
      FROM distinct_persons_cat_part GROUP BY ALL) d
    USING (area_level, area_code, period_type, period, dimension, category)
ORDER BY a.area_level, a.area_code;
