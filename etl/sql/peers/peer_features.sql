-- Client mix of every municipality over the last 12 loaded months ($last_benefit_idx),
-- the input of the peer groups (etl/peers.py). Every feature is a column.
CREATE OR REPLACE TABLE peer_features AS
WITH recent AS (
    SELECT * FROM core_person_month WHERE month_idx > $last_benefit_idx - 12
),
mix AS (
    SELECT
        nis_code,
        count(*) AS person_months,
        count_if(age_band = '<25') / count(*) AS share_under_25,
        count_if(age_band = '55+') / count(*) AS share_55_plus,
        count_if(education = 'laag') / count(*) AS share_low_education,
        count_if(origin = 'niet_eu') / count(*) AS share_non_eu,
        count_if(household = 'alleenstaand') / count(*) AS share_single,
        count_if(household = 'gezinslast') / count(*) AS share_with_dependants,
        count_if(benefit_duration = '2j+') / count(*) AS share_long_term
    FROM recent
    GROUP BY nis_code
)
SELECT
    m.nis_code,
    coalesce(x.person_months, 0) AS person_months,
    ln(1 + coalesce(x.person_months, 0) / 12) AS log_leefloners,
    coalesce(x.share_under_25, 0) AS share_under_25,
    coalesce(x.share_55_plus, 0) AS share_55_plus,
    coalesce(x.share_low_education, 0) AS share_low_education,
    coalesce(x.share_non_eu, 0) AS share_non_eu,
    coalesce(x.share_single, 0) AS share_single,
    coalesce(x.share_with_dependants, 0) AS share_with_dependants,
    coalesce(x.share_long_term, 0) AS share_long_term
FROM dim_municipality m
LEFT JOIN mix x USING (nis_code)
ORDER BY m.nis_code;
