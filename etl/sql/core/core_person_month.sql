-- One row per benefit person-month with its outcomes precomputed.
-- The next work month after t comes from an ASOF join (the nearest work month
-- strictly after t). A follow-up of h months is observed when t + h is no later
-- than the last month of the work feed ($last_work_idx).
CREATE OR REPLACE TABLE core_person_month AS
WITH spells AS (
    SELECT
        * EXCLUDE (person_id, nis_code_delivered, source_sha256, source_line),
        month_idx - row_number() OVER (PARTITION BY person_key ORDER BY month_idx) AS spell_key
    FROM benefit_month
),
durations AS (
    SELECT
        *,
        month_idx - min(month_idx) OVER (PARTITION BY person_key, spell_key) + 1 AS months_on_benefit
    FROM spells
),
work AS (
    SELECT person_key, month_idx AS work_idx, work_type, work_region FROM work_month
)
SELECT
    d.person_key,
    d.month_idx,
    d.ref_month,
    d.month_idx // 12 AS year,
    (d.month_idx // 12) * 4 + (d.month_idx % 12) // 3 AS quarter_idx,
    d.nis_code,
    d.benefit_type,
    d.household,
    d.gender,
    CASE
        WHEN d.month_idx // 12 - d.birth_year < 25 THEN '<25'
        WHEN d.month_idx // 12 - d.birth_year < 35 THEN '25-34'
        WHEN d.month_idx // 12 - d.birth_year < 45 THEN '35-44'
        WHEN d.month_idx // 12 - d.birth_year < 55 THEN '45-54'
        ELSE '55+'
    END AS age_band,
    d.education,
    d.origin,
    d.vdab_status,
    d.gpmi,
    d.months_on_benefit,
    CASE
        WHEN d.months_on_benefit <= 6 THEN '0-6m'
        WHEN d.months_on_benefit <= 12 THEN '6-12m'
        WHEN d.months_on_benefit <= 24 THEN '1-2j'
        ELSE '2j+'
    END AS benefit_duration,
    d.vdab_status <> 'niet_ingeschreven' AS is_registered,
    d.vdab_status IN ('begeleiding', 'opleiding', 'werkervaring') AS is_guidance,
    w.work_idx - d.month_idx AS months_to_work,
    w.work_type AS first_work_type,
    w.work_region AS first_work_region,
    d.month_idx + 6 <= $last_work_idx AS is_work_6m_observed,
    d.month_idx + 12 <= $last_work_idx AS is_work_12m_observed,
    d.month_idx + 6 <= $last_work_idx AND coalesce(w.work_idx - d.month_idx <= 6, false) AS has_work_6m,
    d.month_idx + 12 <= $last_work_idx AND coalesce(w.work_idx - d.month_idx <= 12, false) AS has_work_12m
FROM durations d
ASOF LEFT JOIN work w
    ON d.person_key = w.person_key AND w.work_idx > d.month_idx;
