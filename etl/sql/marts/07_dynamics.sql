-- mart_dynamics__area_period_by_definition: what happens around work and leaving.
--   sustained_*: of the person-months with work within 12 months whose follow-up is
--                known, those with work again 6 months after the first work month;
--   exits, exits_to_work: spells that ended in the month (the last benefit month),
--                and of them those with work in the 3 months after;
--   relapse_*:   of the exits with 12 known months after, those back on benefit
--                within 12 months.
CREATE OR REPLACE TABLE mart_dynamics__area_period_by_definition AS
WITH sustained AS (
    SELECT d.include_ell, d.art60_is_work, s.nis_code, s.month_idx,
           count(*) FILTER (WHERE CASE WHEN d.art60_is_work THEN s.has_work_12m AND s.is_observed
                                       ELSE s.has_work_12m_x AND s.is_observed_x END) AS sustained_base,
           count(*) FILTER (WHERE CASE WHEN d.art60_is_work THEN s.has_work_12m AND s.is_observed AND s.is_sustained
                                       ELSE s.has_work_12m_x AND s.is_observed_x AND s.is_sustained_x END)
               AS sustained_n
    FROM core_sustained_work s
    JOIN definitions d ON d.include_ell OR s.benefit_type = 'LL'
    GROUP BY ALL
),
exits AS (
    SELECT include_ell, art60_is_work, nis_code, month_idx,
           count_if(is_spell_exit) AS exits,
           count_if(is_spell_exit AND month_idx + 3 <= $last_work_idx) AS exits_base,
           count_if(is_spell_exit AND month_idx + 3 <= $last_work_idx AND months_to_work <= 3) AS exits_to_work,
           count_if(is_spell_exit AND is_relapse_observed) AS relapse_base,
           count_if(is_spell_exit AND is_relapse_observed AND returns_within_12m) AS relapse_n
    FROM core_def_recent
    GROUP BY ALL
),
muni AS (
    SELECT e.*, coalesce(s.sustained_base, 0) AS sustained_base, coalesce(s.sustained_n, 0) AS sustained_n
    FROM exits e
    LEFT JOIN sustained s USING (include_ell, art60_is_work, nis_code, month_idx)
)
SELECT
    m.include_ell, m.art60_is_work, b.area_level, b.area_code, p.period_type, p.period,
    sum(m.sustained_base)::BIGINT AS sustained_base,
    sum(m.sustained_n)::BIGINT AS sustained_n,
    sum(m.exits)::BIGINT AS exits,
    sum(m.exits_base)::BIGINT AS exits_base,
    sum(m.exits_to_work)::BIGINT AS exits_to_work,
    sum(m.relapse_base)::BIGINT AS relapse_base,
    sum(m.relapse_n)::BIGINT AS relapse_n
FROM muni m
JOIN bridge_area_municipality b ON b.nis_code = m.nis_code
JOIN period_month p ON p.month_idx = m.month_idx
GROUP BY ALL
ORDER BY ALL;
