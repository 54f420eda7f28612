-- An incremental core (etl/build.py): the persons with a row in a delivered month
-- (core_affected) are taken out here and computed again by core_person_month.sql. No
-- month was replaced, so everyone else keeps their spells and next work months; what
-- changes for them is what the feeds' last months decide, in their recent rows only
-- (from 12 months before the earlier of the previous last benefit and work months).
DELETE FROM core_person_month WHERE person_key IN (SELECT person_key FROM core_affected);

UPDATE core_person_month SET
    is_work_6m_observed = month_idx + 6 <= $last_work_idx,
    is_work_12m_observed = month_idx + 12 <= $last_work_idx,
    has_work_6m = month_idx + 6 <= $last_work_idx AND coalesce(months_to_work <= 6, false),
    has_work_12m = month_idx + 12 <= $last_work_idx AND coalesce(months_to_work <= 12, false),
    has_work_6m_x = month_idx + 6 <= $last_work_idx AND coalesce(months_to_work_x <= 6, false),
    has_work_12m_x = month_idx + 12 <= $last_work_idx AND coalesce(months_to_work_x <= 12, false),
    -- their last month was the old last month: with a later month loaded it is an exit
    is_spell_exit = is_spell_exit OR (month_idx >= $previous_last_benefit_idx AND month_idx < $last_benefit_idx),
    is_relapse_observed = month_idx + 12 <= $last_benefit_idx
WHERE month_idx > least($previous_last_benefit_idx, $previous_last_work_idx) - 13;
