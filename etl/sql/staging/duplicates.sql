-- Duplicate keys among the candidates (duplicate_candidates.sql): the first loadable
-- row by (file_seq, line) is kept; the others (few) are marked in place rather than
-- copying every row. Persons are matched by person_key, the hash of the pseudonym
-- (two pseudonyms with one key fail the load: tests/person_key_unique.sql).

UPDATE validated_benefit v
SET reason = 'duplicate_key',
    record = mask_insz(concat_ws(',', v.person_id, v.ref_month, v.nis_code_delivered, v.benefit_type,
                  v.household, v.gender, v.birth_year, v.education, v.origin, v.vdab_status,
                  CASE WHEN v.gpmi THEN '1' ELSE '0' END))
FROM (
    SELECT person_key, month_idx, min(file_seq::BIGINT * 1000000000000 + line) AS first_pos
    FROM validated_benefit
    WHERE reason IS NULL
      AND hash(person_key, month_idx) IN (SELECT key_hash FROM duplicate_candidate WHERE feed = 'benefit')
    GROUP BY person_key, month_idx
    HAVING count(*) > 1
) r
WHERE v.reason IS NULL AND r.person_key = v.person_key AND r.month_idx = v.month_idx
  AND v.file_seq::BIGINT * 1000000000000 + v.line <> r.first_pos;

UPDATE validated_work v
SET reason = 'duplicate_key',
    record = mask_insz(concat_ws(',', v.person_id, v.ref_month, v.work_type, v.work_region))
FROM (
    SELECT person_key, month_idx, min(file_seq::BIGINT * 1000000000000 + line) AS first_pos
    FROM validated_work
    WHERE reason IS NULL
      AND hash(person_key, month_idx) IN (SELECT key_hash FROM duplicate_candidate WHERE feed = 'work')
    GROUP BY person_key, month_idx
    HAVING count(*) > 1
) r
WHERE v.reason IS NULL AND r.person_key = v.person_key AND r.month_idx = v.month_idx
  AND v.file_seq::BIGINT * 1000000000000 + v.line <> r.first_pos;
