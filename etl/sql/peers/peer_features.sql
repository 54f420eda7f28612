-- Client mix of every municipality over the last complete calendar year (the last 12
-- loaded months while no year is complete), the input of the peer groups
-- (etl/peers.py). Every feature is a column. A calendar year keeps the groups the same
-- through the year: a monthly load does not shift them, so it need not rebuild every
-- peer group's history.
CREATE OR REPLACE TABLE peer_window AS
WITH years AS (
    SELECT month_idx // 12 AS year, count(DISTINCT month_idx) AS n_months
    FROM core_person_month GROUP BY ALL
)
SELECT coalesce(max(year) FILTER (WHERE n_months = 12) * 12, $last_benefit_idx - 11) AS first_idx,
       coalesce(max(year) FILTER (WHERE n_months = 12) * 12 + 11, $last_benefit_idx) AS last_idx
FROM years;

CREATE OR REPLACE TABLE peer_features AS
WITH recent AS (
    SELECT c.* FROM core_person_month c, peer_window w
    WHERE c.month_idx BETWEEN w.first_idx AND w.last_idx
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
