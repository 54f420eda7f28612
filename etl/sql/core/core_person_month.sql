-- One row per benefit person-month with its outcomes precomputed.
-- The next work month after t comes from an ASOF join (the nearest work month
-- strictly after t), once with every work type and once without art. 60 work
-- (the switchable definition "art. 60 does not count as work", suffix _x).
-- A follow-up of h months is observed when t + h is no later than the last month
-- of the work feed ($last_work_idx); a return to benefit within 12 months when
-- t + 12 is no later than the last month of the benefit feed ($last_benefit_idx).
-- What the windows and the ASOF joins sort is kept narrow: at 10x scale what they
-- carry spills to disk. ref_month is written from month_idx at the end, and the
-- categories are carried as ENUMs of one byte and the municipality as an integer,
-- turned back into text at the end (a third faster at 10x). The ENUMs hold the
-- domains the validation lets through (staging/stg_benefit.sql, stg_work.sql;
-- tests/etl/test_core_domains.py keeps them equal).
-- All persons ($all_persons), or in an incremental core (etl/build.py) those in
-- core_affected, whose rows are appended after core_refresh.sql.
CREATE OR REPLACE TABLE core_person_month AS
WITH spells AS (
    SELECT
        person_key, month_idx, birth_year, gpmi,
        nis_code::INTEGER AS nis_code,
        benefit_type::ENUM('LL', 'ELL') AS benefit_type,
        household::ENUM('samenwonend', 'alleenstaand', 'gezinslast') AS household,
        gender::ENUM('M', 'V', 'X') AS gender,
        education::ENUM('laag', 'midden', 'hoog', 'onbekend') AS education,
        origin::ENUM('belg', 'eu', 'niet_eu', 'onbekend') AS origin,
        vdab_status::ENUM('niet_ingeschreven', 'nwwz', 'begeleiding', 'opleiding', 'werkervaring',
                          'niet_beschikbaar') AS vdab_status,
        month_idx - row_number() OVER w AS spell_key,
        lead(month_idx) OVER w AS next_benefit_idx
    FROM benefit_month
    WHERE $all_persons OR person_key IN (SELECT person_key FROM core_affected)
    WINDOW w AS (PARTITION BY person_key ORDER BY month_idx)
),
durations AS (
    SELECT
        *,
        month_idx - min(month_idx) OVER (PARTITION BY person_key, spell_key) + 1 AS months_on_benefit
    FROM spells
),
work AS (
    SELECT
        person_key, month_idx AS work_idx,
        work_type::ENUM('regulier', 'art60', 'sociale_economie', 'interim', 'zelfstandige') AS work_type,
        work_region::ENUM('VLG', 'BRU', 'WAL', 'BUI', 'onbekend') AS work_region
    FROM work_month
    WHERE $all_persons OR person_key IN (SELECT person_key FROM core_affected)
),
work_x AS (
    SELECT * FROM work WHERE work_type <> 'art60'
),
outcomes AS (
    SELECT
        d.*,
        w.work_idx - d.month_idx AS months_to_work,
        w.work_type AS first_work_type,
        w.work_region AS first_work_region,
        x.work_idx - d.month_idx AS months_to_work_x,
        x.work_type AS first_work_type_x,
        x.work_region AS first_work_region_x
    FROM durations d
    ASOF LEFT JOIN work w ON d.person_key = w.person_key AND w.work_idx > d.month_idx
    ASOF LEFT JOIN work_x x ON d.person_key = x.person_key AND x.work_idx > d.month_idx
)
SELECT
    o.person_key,
    o.month_idx,
    printf('%04d-%02d', o.month_idx // 12, o.month_idx % 12 + 1) AS ref_month,
    o.month_idx // 12 AS year,
    o.nis_code::VARCHAR AS nis_code,
    o.benefit_type::VARCHAR AS benefit_type,
    o.household::VARCHAR AS household,
    o.gender::VARCHAR AS gender,
    CASE
        WHEN o.month_idx // 12 - o.birth_year < 25 THEN '<25'
        WHEN o.month_idx // 12 - o.birth_year < 35 THEN '25-34'
        WHEN o.month_idx // 12 - o.birth_year < 45 THEN '35-44'
        WHEN o.month_idx // 12 - o.birth_year < 55 THEN '45-54'
        ELSE '55+'
    END AS age_band,
    o.education::VARCHAR AS education,
    o.origin::VARCHAR AS origin,
    o.vdab_status::VARCHAR AS vdab_status,
    o.gpmi,
    o.months_on_benefit,
    CASE
        WHEN o.months_on_benefit <= 6 THEN '0-6m'
        WHEN o.months_on_benefit <= 12 THEN '6-12m'
        WHEN o.months_on_benefit <= 24 THEN '1-2j'
        ELSE '2j+'
    END AS benefit_duration,
    o.vdab_status <> 'niet_ingeschreven' AS is_registered,
    o.vdab_status IN ('begeleiding', 'opleiding', 'werkervaring') AS is_guidance,
    o.month_idx + 6 <= $last_work_idx AS is_work_6m_observed,
    o.month_idx + 12 <= $last_work_idx AS is_work_12m_observed,
    -- every work type counts as work
    o.months_to_work,
    o.first_work_type::VARCHAR AS first_work_type,
    o.first_work_region::VARCHAR AS first_work_region,
    o.month_idx + 6 <= $last_work_idx AND coalesce(o.months_to_work <= 6, false) AS has_work_6m,
    o.month_idx + 12 <= $last_work_idx AND coalesce(o.months_to_work <= 12, false) AS has_work_12m,
    -- art. 60 work does not count as work
    o.months_to_work_x,
    o.first_work_type_x::VARCHAR AS first_work_type_x,
    o.first_work_region_x::VARCHAR AS first_work_region_x,
    o.month_idx + 6 <= $last_work_idx AND coalesce(o.months_to_work_x <= 6, false) AS has_work_6m_x,
    o.month_idx + 12 <= $last_work_idx AND coalesce(o.months_to_work_x <= 12, false) AS has_work_12m_x,
    -- spells: the first month of a spell that started inside the data, and the last one
    o.months_on_benefit = 1 AND o.month_idx > $first_benefit_idx AS is_spell_start,
    (o.next_benefit_idx IS NULL OR o.next_benefit_idx > o.month_idx + 1)
        AND o.month_idx < $last_benefit_idx AS is_spell_exit,
    o.month_idx + 12 <= $last_benefit_idx AS is_relapse_observed,  -- the 12 months after leaving are known
    coalesce(o.next_benefit_idx - o.month_idx BETWEEN 2 AND 12, false) AS returns_within_12m
FROM outcomes o;

-- Sustained work: of the person-months with work within 12 months, is the person
-- still (again) in work 6 months after that first work month?
CREATE OR REPLACE TABLE core_sustained_work AS
SELECT
    c.person_key,
    c.month_idx,
    c.nis_code,
    c.benefit_type,
    c.has_work_12m,
    c.has_work_12m_x,
    c.month_idx + c.months_to_work + 6 <= $last_work_idx AS is_observed,
    w.person_key IS NOT NULL AS is_sustained,
    c.month_idx + c.months_to_work_x + 6 <= $last_work_idx AS is_observed_x,
    wx.person_key IS NOT NULL AS is_sustained_x
FROM core_person_month c
LEFT JOIN work_month w
    ON w.person_key = c.person_key AND w.month_idx = c.month_idx + c.months_to_work + 6
LEFT JOIN (SELECT person_key, month_idx FROM work_month WHERE work_type <> 'art60') wx
    ON wx.person_key = c.person_key AND wx.month_idx = c.month_idx + c.months_to_work_x + 6
WHERE c.has_work_12m OR c.has_work_12m_x;
