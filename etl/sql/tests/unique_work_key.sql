-- A person has at most one work row per month.
SELECT person_key, month_idx, count(*) AS n
FROM work_month GROUP BY ALL HAVING count(*) > 1 LIMIT 10;
