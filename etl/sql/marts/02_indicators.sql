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
LEFT JOIN (SELECT include_ell, area_level, area_code, period_type, period, sum(leefloners) AS leefloners
           FROM distinct_persons_part GROUP BY ALL) d USING (include_ell, area_level, area_code, period_type, period)
ORDER BY ALL;
