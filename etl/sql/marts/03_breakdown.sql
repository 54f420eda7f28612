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

-- Distinct persons per category in quarters and years. A person whose category
-- and municipality stay the same through the period ("stable") counts once for
-- that municipality and category, which adds up over areas. For the others (they
-- changed category, e.g. passed a year on benefit, or moved) each category they
-- had is looked up in their months; only movers need a distinct count per area.
CREATE OR REPLACE TEMP TABLE person_period_cat AS
UNPIVOT (SELECT * EXCLUDE (include_ell) FROM person_period WHERE include_ell)
ON (age_band_min, age_band_max) AS age_band,
   (gender_min, gender_max) AS gender,
   (education_min, education_max) AS education,
   (origin_min, origin_max) AS origin,
   (household_min, household_max) AS household,
   (benefit_type_min, benefit_type_max) AS benefit_type,
   (benefit_duration_min, benefit_duration_max) AS benefit_duration
INTO NAME dimension VALUE category_min, category_max;

CREATE OR REPLACE TEMP TABLE distinct_persons_cat AS
WITH stable AS (
    SELECT nis_min AS nis_code, period_type, period, dimension, category_min AS category, count(*) AS n
    FROM person_period_cat
    WHERE nis_min = nis_max AND category_min = category_max
    GROUP BY ALL
),
unstable AS (
    SELECT person_key, period_type, period, dimension
    FROM person_period_cat
    WHERE nis_min <> nis_max OR category_min <> category_max
),
-- each category an unstable person had in the period, with the municipalities of it
unstable_cat AS (
    SELECT
        u.person_key, u.period_type, u.period, u.dimension,
        CASE u.dimension
            WHEN 'age_band' THEN c.age_band WHEN 'gender' THEN c.gender
            WHEN 'education' THEN c.education WHEN 'origin' THEN c.origin
            WHEN 'household' THEN c.household WHEN 'benefit_type' THEN c.benefit_type
            ELSE c.benefit_duration
        END AS category,
        min(c.nis_code) AS nis_min, max(c.nis_code) AS nis_max
    FROM unstable u
    JOIN core_person_month c ON c.person_key = u.person_key
    JOIN period_month p ON p.month_idx = c.month_idx AND p.period_type = u.period_type AND p.period = u.period
    GROUP BY ALL
),
-- in one municipality for that category: adds up like the stable ones
unstable_single AS (
    SELECT nis_min AS nis_code, period_type, period, dimension, category, count(*) AS n
    FROM unstable_cat WHERE nis_min = nis_max
    GROUP BY ALL
),
-- in several municipalities (movers): counted distinctly per area
movers AS (
    SELECT DISTINCT b.area_level, b.area_code, m.period_type, m.period, m.dimension,
           m.category, m.person_key
    FROM (SELECT * FROM unstable_cat WHERE nis_min <> nis_max) m
    JOIN core_person_month c ON c.person_key = m.person_key
    JOIN period_month p ON p.month_idx = c.month_idx AND p.period_type = m.period_type AND p.period = m.period
    JOIN bridge_area_municipality b ON b.nis_code = c.nis_code
    WHERE m.category = CASE m.dimension
            WHEN 'age_band' THEN c.age_band WHEN 'gender' THEN c.gender
            WHEN 'education' THEN c.education WHEN 'origin' THEN c.origin
            WHEN 'household' THEN c.household WHEN 'benefit_type' THEN c.benefit_type
            ELSE c.benefit_duration END
),
counted AS (
    SELECT b.area_level, b.area_code, s.period_type, s.period, s.dimension, s.category, s.n
    FROM (SELECT * FROM stable UNION ALL SELECT * FROM unstable_single) s
    JOIN bridge_area_municipality b ON b.nis_code = s.nis_code
    UNION ALL
    SELECT area_level, area_code, period_type, period, dimension, category, 1 FROM movers
)
SELECT area_level, area_code, period_type, period, dimension, category, sum(n) AS leefloners
FROM counted
GROUP BY ALL;

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
JOIN distinct_persons_cat d
    USING (area_level, area_code, period_type, period, dimension, category)
ORDER BY a.area_level, a.area_code;
