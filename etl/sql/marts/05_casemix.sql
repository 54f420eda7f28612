-- mart_casemix__area_period_by_definition: observed and expected work within 6
-- and 12 months (indirect standardisation, docs/statistics.md). A person-month's
-- expected outcome is the Flemish rate of its stratum (age band x education x
-- origin x household x time on benefit) in the same calendar year and
-- definition; expected counts add up over municipalities, months and areas.
CREATE OR REPLACE TEMP TABLE casemix_reference AS
SELECT
    include_ell, art60_is_work, year, age_band, education, origin, household, benefit_duration,
    count_if(has_work_6m) / nullif(count_if(is_work_6m_observed), 0) AS rate_6m,
    count_if(has_work_12m) / nullif(count_if(is_work_12m_observed), 0) AS rate_12m
FROM core_def_recent
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE casemix_muni_month AS
SELECT
    c.include_ell, c.art60_is_work, c.nis_code, c.month_idx,
    count_if(c.has_work_6m) AS work_6m_n,
    sum(CASE WHEN c.is_work_6m_observed THEN r.rate_6m ELSE 0 END) AS work_6m_expected,
    count_if(c.has_work_12m) AS work_12m_n,
    sum(CASE WHEN c.is_work_12m_observed THEN r.rate_12m ELSE 0 END) AS work_12m_expected
FROM core_def_recent c
JOIN casemix_reference r USING (include_ell, art60_is_work, year, age_band, education, origin, household,
                                benefit_duration)
GROUP BY ALL;

CREATE OR REPLACE TABLE mart_casemix__area_period_by_definition AS
SELECT
    m.include_ell, m.art60_is_work, b.area_level, b.area_code, p.period_type, p.period,
    sum(m.work_6m_n)::BIGINT AS work_6m_n,
    sum(m.work_6m_expected) AS work_6m_expected,
    sum(m.work_12m_n)::BIGINT AS work_12m_n,
    sum(m.work_12m_expected) AS work_12m_expected
FROM casemix_muni_month m
JOIN bridge_area_municipality b ON b.nis_code = m.nis_code
JOIN period_month p ON p.month_idx = m.month_idx
GROUP BY ALL
ORDER BY ALL;
