-- person_key = hash(person_id) must identify one pseudonym; a collision fails the load.
SELECT person_key, count(DISTINCT person_id) AS n
FROM (SELECT person_key, person_id FROM benefit_month UNION ALL SELECT person_key, person_id FROM work_month)
GROUP BY person_key
HAVING count(DISTINCT person_id) > 1
LIMIT 10;
