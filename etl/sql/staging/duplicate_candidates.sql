-- The keys that may be duplicated, over every file of the delivery once each file is
-- validated (etl/load.py): one hash per (person_key, month_idx) is cheaper to group
-- than the two columns, and a delivery without duplicates (the usual one) then skips
-- duplicates.sql, which compares the exact keys of these candidates only.
CREATE OR REPLACE TEMP TABLE duplicate_candidate AS
SELECT 'benefit' AS feed, hash(person_key, month_idx) AS key_hash
FROM validated_benefit
WHERE reason IS NULL
GROUP BY key_hash
HAVING count(*) > 1
UNION ALL
SELECT 'work', hash(person_key, month_idx) AS key_hash
FROM validated_work
WHERE reason IS NULL
GROUP BY key_hash
HAVING count(*) > 1;
