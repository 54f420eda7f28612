-- No national register number anywhere a person id or raw record is kept.
SELECT 'benefit_month' AS tbl, count(*) AS n FROM benefit_month WHERE is_insz(person_id) HAVING count(*) > 0
UNION ALL
SELECT 'work_month', count(*) FROM work_month WHERE is_insz(person_id) HAVING count(*) > 0
UNION ALL
SELECT 'quarantine', count(*) FROM quarantine
WHERE is_insz(person_id) OR mask_insz(record) IS DISTINCT FROM record HAVING count(*) > 0;
