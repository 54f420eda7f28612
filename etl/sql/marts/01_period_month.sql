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

-- The switchable definitions: with or without equivalent leefloon (ELL), and
-- art. 60 work counted as work or not. (true, true) is the contract's definition.
CREATE OR REPLACE TEMP TABLE definitions AS
SELECT * FROM (VALUES (true, true), (true, false), (false, true), (false, false))
    AS d(include_ell, art60_is_work);

-- Every person-month once per definition that includes it, with that definition's outcomes.
CREATE OR REPLACE TEMP VIEW core_def AS
SELECT
    d.include_ell, d.art60_is_work,
    c.person_key, c.nis_code, c.month_idx, c.year,
    c.age_band, c.gender, c.education, c.origin, c.household, c.benefit_type, c.benefit_duration,
    c.is_registered, c.is_guidance, c.is_work_6m_observed, c.is_work_12m_observed,
    c.is_spell_start, c.is_spell_exit, c.is_relapse_observed, c.returns_within_12m,
    CASE WHEN d.art60_is_work THEN c.has_work_6m ELSE c.has_work_6m_x END AS has_work_6m,
    CASE WHEN d.art60_is_work THEN c.has_work_12m ELSE c.has_work_12m_x END AS has_work_12m,
    CASE WHEN d.art60_is_work THEN c.months_to_work ELSE c.months_to_work_x END AS months_to_work,
    CASE WHEN d.art60_is_work THEN c.first_work_type ELSE c.first_work_type_x END AS first_work_type,
    CASE WHEN d.art60_is_work THEN c.first_work_region ELSE c.first_work_region_x END AS first_work_region
FROM core_person_month c
JOIN definitions d ON d.include_ell OR c.benefit_type = 'LL';

-- The person-months of the periods being built: all of them, or in an incremental build
-- (etl/build.py) those from the first period recomputed on. The marts of periods read
-- these; the time-to-work curves read everything.
CREATE OR REPLACE TEMP VIEW core_recent AS
SELECT * FROM core_person_month WHERE month_idx >= (SELECT min(month_idx) FROM period_month);

CREATE OR REPLACE TEMP VIEW core_def_recent AS
SELECT * FROM core_def WHERE month_idx >= (SELECT min(month_idx) FROM period_month);
