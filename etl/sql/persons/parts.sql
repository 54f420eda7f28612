-- The distinct-person counts of each part of the persons (person_counts.sql).
CREATE OR REPLACE TEMP TABLE distinct_persons_part (
    include_ell BOOLEAN, area_level VARCHAR, area_code VARCHAR, period_type VARCHAR, period VARCHAR,
    leefloners BIGINT
);

CREATE OR REPLACE TEMP TABLE distinct_persons_cat_part (
    area_level VARCHAR, area_code VARCHAR, period_type VARCHAR, period VARCHAR, dimension VARCHAR,
    category VARCHAR, leefloners BIGINT
);

-- What the counts read of the person-months of the periods being built.
CREATE OR REPLACE TEMP VIEW person_month_counted AS
SELECT person_key, month_idx, nis_code, age_band, gender, education, origin, household,
       benefit_type, benefit_duration
FROM core_recent;
