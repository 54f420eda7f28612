-- The Flanders total of every month equals the loaded benefit rows of that month.
SELECT m.period, m.person_months, c.n
FROM mart_indicators__area_period m
JOIN (SELECT ref_month, count(*) AS n FROM benefit_month GROUP BY ref_month) c ON c.ref_month = m.period
WHERE m.area_level = 'flanders' AND m.period_type = 'month' AND m.person_months <> c.n;
