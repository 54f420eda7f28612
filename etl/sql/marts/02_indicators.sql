-- mart_indicators__area_period_by_definition: the headline indicators of every
-- area, period and definition. Person-month counts are additive and are rolled
-- up from municipality x month. Distinct persons are not: a person who moves
-- between municipalities counts once in every area that holds both.
CREATE OR REPLACE TEMP TABLE muni_month AS
WITH counted AS (
    -- once over the person-months, by benefit type, with both work definitions
    SELECT
        nis_code, month_idx, benefit_type,
        count(*) AS person_months,
        count_if(is_registered) AS n_registered,
        count_if(is_guidance) AS n_guidance,
        count_if(is_work_6m_observed) AS work_6m_base,
        count_if(has_work_6m) AS work_6m_n,
        count_if(has_work_6m_x) AS work_6m_n_x,
        count_if(is_work_12m_observed) AS work_12m_base,
        count_if(has_work_12m) AS work_12m_n,
        count_if(has_work_12m_x) AS work_12m_n_x
    FROM core_recent
    GROUP BY ALL
)
SELECT
    d.include_ell, d.art60_is_work, c.nis_code, c.month_idx,
    sum(c.person_months) AS person_months,
    sum(c.n_registered) AS n_registered,
    sum(c.n_guidance) AS n_guidance,
    sum(c.work_6m_base) AS work_6m_base,
    sum(CASE WHEN d.art60_is_work THEN c.work_6m_n ELSE c.work_6m_n_x END) AS work_6m_n,
    sum(c.work_12m_base) AS work_12m_base,
    sum(CASE WHEN d.art60_is_work THEN c.work_12m_n ELSE c.work_12m_n_x END) AS work_12m_n
FROM counted c
JOIN definitions d ON d.include_ell OR c.benefit_type = 'LL'
GROUP BY ALL;

-- One row per person, population and quarter or year: the municipalities and the
-- categories of every breakdown seen in it (lowest and highest). Within a month a
-- person has one row, so months need no distinct count. The art. 60 switch does
-- not change who is counted.
CREATE OR REPLACE TEMP TABLE person_period AS
SELECT
    d.include_ell, c.person_key, p.period_type, p.period,
    min(c.nis_code) AS nis_min, max(c.nis_code) AS nis_max,
    min(c.age_band) AS age_band_min, max(c.age_band) AS age_band_max,
    min(c.gender) AS gender_min, max(c.gender) AS gender_max,
    min(c.education) AS education_min, max(c.education) AS education_max,
    min(c.origin) AS origin_min, max(c.origin) AS origin_max,
    min(c.household) AS household_min, max(c.household) AS household_max,
    min(c.benefit_type) AS benefit_type_min, max(c.benefit_type) AS benefit_type_max,
    min(c.benefit_duration) AS benefit_duration_min, max(c.benefit_duration) AS benefit_duration_max
FROM core_person_month c
JOIN (SELECT DISTINCT include_ell FROM definitions) d ON d.include_ell OR c.benefit_type = 'LL'
JOIN period_month p ON p.month_idx = c.month_idx AND p.period_type <> 'month'
GROUP BY ALL;

-- A person found in one municipality in the period counts once in every area
-- holding it, which adds up; only persons found in several municipalities
-- (movers, few) need a distinct count across the areas.
CREATE OR REPLACE TEMP TABLE distinct_persons AS
WITH singles AS (
    SELECT include_ell, nis_min AS nis_code, period_type, period, count(*) AS n
    FROM person_period WHERE nis_min = nis_max
    GROUP BY ALL
),
movers AS (
    SELECT DISTINCT m.include_ell, b.area_level, b.area_code, m.period_type, m.period, m.person_key
    FROM (SELECT include_ell, person_key, period_type, period FROM person_period WHERE nis_min <> nis_max) m
    JOIN core_person_month c ON c.person_key = m.person_key AND (m.include_ell OR c.benefit_type = 'LL')
    JOIN period_month p ON p.month_idx = c.month_idx AND p.period_type = m.period_type AND p.period = m.period
    JOIN bridge_area_municipality b ON b.nis_code = c.nis_code
),
counted AS (
    SELECT s.include_ell, b.area_level, b.area_code, s.period_type, s.period, s.n
    FROM singles s JOIN bridge_area_municipality b ON b.nis_code = s.nis_code
    UNION ALL
    SELECT include_ell, area_level, area_code, period_type, period, 1 FROM movers
)
SELECT include_ell, area_level, area_code, period_type, period, sum(n) AS leefloners
FROM counted
GROUP BY ALL;

CREATE OR REPLACE TABLE mart_indicators__area_period_by_definition AS
WITH additive AS (
    SELECT
        m.include_ell, m.art60_is_work, b.area_level, b.area_code, p.period_type, p.period,
        sum(m.person_months)::BIGINT AS person_months,
        sum(m.n_registered)::BIGINT AS n_registered,
        sum(m.n_guidance)::BIGINT AS n_guidance,
        sum(m.work_6m_base)::BIGINT AS work_6m_base,
        sum(m.work_6m_n)::BIGINT AS work_6m_n,
        sum(m.work_12m_base)::BIGINT AS work_12m_base,
        sum(m.work_12m_n)::BIGINT AS work_12m_n
    FROM muni_month m
    JOIN bridge_area_municipality b ON b.nis_code = m.nis_code
    JOIN period_month p ON p.month_idx = m.month_idx
    GROUP BY ALL
)
SELECT
    a.include_ell, a.art60_is_work, a.area_level, a.area_code, a.period_type, a.period,
    coalesce(d.leefloners, a.person_months)::BIGINT AS leefloners,
    a.person_months, a.n_registered, a.n_guidance,
    a.work_6m_base, a.work_6m_n, a.work_12m_base, a.work_12m_n,
    a.n_registered / nullif(a.person_months, 0) AS registration_rate,
    a.n_guidance / nullif(a.person_months, 0) AS guidance_rate,
    a.work_6m_n / nullif(a.work_6m_base, 0) AS work_6m_rate,
    a.work_12m_n / nullif(a.work_12m_base, 0) AS work_12m_rate
FROM additive a
LEFT JOIN distinct_persons d USING (include_ell, area_level, area_code, period_type, period)
ORDER BY ALL;
