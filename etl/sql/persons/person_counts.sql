-- Distinct persons per area and quarter or year, overall and per category of each
-- breakdown. Persons are counted apart from the additive person-months, once per
-- part of the persons (core_part: person_key modulo the number of parts,
-- etl/build.py): a person is in one part only, so the parts' counts add up (marts/02
-- and 03 sum them), and each part's per-person tables fit in memory.

-- One row per person and quarter or year: the municipalities and the categories of
-- every breakdown seen in it (lowest and highest), and the municipalities of its
-- leefloon months alone, for the population without equivalent leefloon (ELL): one
-- pass over the person-months serves both populations. Within a month a person has
-- one row, so months need no distinct count. The art. 60 switch does not change who
-- is counted.
CREATE OR REPLACE TEMP TABLE person_period AS
SELECT
    c.person_key, p.period_type, p.period,
    min(c.nis_code) AS nis_min, max(c.nis_code) AS nis_max,
    min(c.nis_code) FILTER (WHERE c.benefit_type = 'LL') AS nis_min_ll,
    max(c.nis_code) FILTER (WHERE c.benefit_type = 'LL') AS nis_max_ll,
    min(c.age_band) AS age_band_min, max(c.age_band) AS age_band_max,
    min(c.gender) AS gender_min, max(c.gender) AS gender_max,
    min(c.education) AS education_min, max(c.education) AS education_max,
    min(c.origin) AS origin_min, max(c.origin) AS origin_max,
    min(c.household) AS household_min, max(c.household) AS household_max,
    min(c.benefit_type) AS benefit_type_min, max(c.benefit_type) AS benefit_type_max,
    min(c.benefit_duration) AS benefit_duration_min, max(c.benefit_duration) AS benefit_duration_max
FROM core_part c
JOIN period_month p ON p.month_idx = c.month_idx AND p.period_type <> 'month'
GROUP BY ALL;

-- Each population's persons: with ELL everyone, without it those with a leefloon
-- month (nis_min_ll is NULL for the others).
CREATE OR REPLACE TEMP VIEW person_period_population AS
SELECT true AS include_ell, person_key, period_type, period, nis_min, nis_max FROM person_period
UNION ALL
SELECT false, person_key, period_type, period, nis_min_ll, nis_max_ll FROM person_period
WHERE nis_min_ll IS NOT NULL;

-- A person found in one municipality in the period counts once in every area
-- holding it, which adds up; only persons found in several municipalities
-- (movers, few) need a distinct count across the areas.
INSERT INTO distinct_persons_part
WITH singles AS (
    SELECT include_ell, nis_min AS nis_code, period_type, period, count(*) AS n
    FROM person_period_population WHERE nis_min = nis_max
    GROUP BY ALL
),
movers AS (
    SELECT DISTINCT m.include_ell, b.area_level, b.area_code, m.period_type, m.period, m.person_key
    FROM (SELECT include_ell, person_key, period_type, period FROM person_period_population
          WHERE nis_min <> nis_max) m
    JOIN core_part c ON c.person_key = m.person_key AND (m.include_ell OR c.benefit_type = 'LL')
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

-- Distinct persons per category in quarters and years. A person whose category
-- and municipality stay the same through the period ("stable", nearly all) counts
-- once for that municipality and category, which adds up over areas: these are
-- counted straight from person_period, one grouping set per breakdown. For the
-- others (they changed category, e.g. passed a year on benefit, or moved) each
-- category they had is looked up in their months; only movers need a distinct
-- count per area.
CREATE OR REPLACE TEMP TABLE person_period_stable AS
SELECT
    nis_min AS nis_code, period_type, period,
    CASE WHEN GROUPING(age_band) = 0 THEN 'age_band' WHEN GROUPING(gender) = 0 THEN 'gender'
         WHEN GROUPING(education) = 0 THEN 'education' WHEN GROUPING(origin) = 0 THEN 'origin'
         WHEN GROUPING(household) = 0 THEN 'household' WHEN GROUPING(benefit_type) = 0 THEN 'benefit_type'
         ELSE 'benefit_duration' END AS dimension,
    coalesce(age_band, gender, education, origin, household, benefit_type, benefit_duration) AS category,
    count(*) AS n
FROM (
    -- a category is NULL here where the person had more than one in the period
    SELECT nis_min, period_type, period,
           CASE WHEN age_band_min = age_band_max THEN age_band_min END AS age_band,
           CASE WHEN gender_min = gender_max THEN gender_min END AS gender,
           CASE WHEN education_min = education_max THEN education_min END AS education,
           CASE WHEN origin_min = origin_max THEN origin_min END AS origin,
           CASE WHEN household_min = household_max THEN household_min END AS household,
           CASE WHEN benefit_type_min = benefit_type_max THEN benefit_type_min END AS benefit_type,
           CASE WHEN benefit_duration_min = benefit_duration_max THEN benefit_duration_min END AS benefit_duration
    FROM person_period
    WHERE nis_min = nis_max
)
GROUP BY GROUPING SETS (
    (nis_min, period_type, period, age_band), (nis_min, period_type, period, gender),
    (nis_min, period_type, period, education), (nis_min, period_type, period, origin),
    (nis_min, period_type, period, household), (nis_min, period_type, period, benefit_type),
    (nis_min, period_type, period, benefit_duration)
)
HAVING category IS NOT NULL;

-- One row per unstable person, period and breakdown.
CREATE OR REPLACE TEMP TABLE person_period_unstable AS
WITH changed AS (
    UNPIVOT (
        SELECT * EXCLUDE (nis_min_ll, nis_max_ll) FROM person_period
        WHERE nis_min <> nis_max OR age_band_min <> age_band_max OR gender_min <> gender_max
           OR education_min <> education_max OR origin_min <> origin_max
           OR household_min <> household_max OR benefit_type_min <> benefit_type_max
           OR benefit_duration_min <> benefit_duration_max
    )
    ON (age_band_min, age_band_max) AS age_band,
       (gender_min, gender_max) AS gender,
       (education_min, education_max) AS education,
       (origin_min, origin_max) AS origin,
       (household_min, household_max) AS household,
       (benefit_type_min, benefit_type_max) AS benefit_type,
       (benefit_duration_min, benefit_duration_max) AS benefit_duration
    INTO NAME dimension VALUE category_min, category_max
)
SELECT person_key, period_type, period, dimension
FROM changed
WHERE nis_min <> nis_max OR category_min <> category_max;

INSERT INTO distinct_persons_cat_part
WITH
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
    FROM person_period_unstable u
    JOIN core_part c ON c.person_key = u.person_key
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
    JOIN core_part c ON c.person_key = m.person_key
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
    FROM (SELECT * FROM person_period_stable UNION ALL SELECT * FROM unstable_single) s
    JOIN bridge_area_municipality b ON b.nis_code = s.nis_code
    UNION ALL
    SELECT area_level, area_code, period_type, period, dimension, category, 1 FROM movers
)
SELECT area_level, area_code, period_type, period, dimension, category, sum(n) AS leefloners
FROM counted
GROUP BY ALL;

-- Freed before the next part is counted.
DROP VIEW person_period_population;
DROP TABLE person_period;
DROP TABLE person_period_stable;
DROP TABLE person_period_unstable;
