-- Every area of one level ($1) for one period ($2 type, $3 period) and definition
-- ($4 include_ell, $5 art60_is_work).
SELECT
    a.area_level AS level, a.area_code AS code, a.area_name AS name, $3 AS period,
    coalesce(i.leefloners, 0) AS leefloners, coalesce(i.person_months, 0) AS person_months,
    coalesce(i.n_registered, 0) AS n_registered, coalesce(i.n_guidance, 0) AS n_guidance,
    i.registration_rate, i.guidance_rate,
    coalesce(i.work_6m_base, 0) AS work_6m_base, coalesce(i.work_6m_n, 0) AS work_6m_n, i.work_6m_rate,
    coalesce(i.work_12m_base, 0) AS work_12m_base, coalesce(i.work_12m_n, 0) AS work_12m_n, i.work_12m_rate,
    x.work_6m_expected, x.work_12m_expected
FROM dim_area a
LEFT JOIN mart_indicators__area_period_by_definition i
  ON i.area_level = a.area_level AND i.area_code = a.area_code
 AND i.period_type = $2 AND i.period = $3
 AND i.include_ell = $4 AND i.art60_is_work = $5
LEFT JOIN mart_casemix__area_period_by_definition x
  ON x.area_level = i.area_level AND x.area_code = i.area_code AND x.period_type = i.period_type
 AND x.period = i.period AND x.include_ell = i.include_ell AND x.art60_is_work = i.art60_is_work
WHERE a.area_level = $1
ORDER BY a.sort_key, a.area_code;
