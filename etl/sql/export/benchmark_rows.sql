-- One municipality ($1) and its comparison groups, for one period ($2 type, $3 period)
-- and definition ($4 include_ell, $5 art60_is_work): the municipality, its nearby
-- centre cities pooled, each of them one by one, its peers, its region, its
-- province and Flanders.
WITH groups AS (
    SELECT 0 AS position, 'municipality' AS area_level, $1 AS area_code
    UNION ALL
    SELECT CASE group_kind WHEN 'centre_cities' THEN 1 WHEN 'centre_city' THEN 2 WHEN 'peers' THEN 3
                           WHEN 'region' THEN 4 WHEN 'province' THEN 5 ELSE 6 END,
           area_level, area_code
    FROM municipality_comparison
    WHERE nis_code = $1
      AND group_kind IN ('centre_cities', 'centre_city', 'peers', 'region', 'province', 'flanders')
)
SELECT
    g.area_level AS level, g.area_code AS code, a.area_name AS name, $3 AS period,
    g.position > 0 AND EXISTS (SELECT 1 FROM bridge_area_municipality bb WHERE bb.area_level = g.area_level
                               AND bb.area_code = g.area_code AND bb.nis_code = $1) AS contains_municipality,
    coalesce(i.leefloners, 0) AS leefloners, coalesce(i.person_months, 0) AS person_months,
    coalesce(i.n_registered, 0) AS n_registered, coalesce(i.n_guidance, 0) AS n_guidance,
    i.registration_rate, i.guidance_rate,
    coalesce(i.work_6m_base, 0) AS work_6m_base, coalesce(i.work_6m_n, 0) AS work_6m_n, i.work_6m_rate,
    coalesce(i.work_12m_base, 0) AS work_12m_base, coalesce(i.work_12m_n, 0) AS work_12m_n, i.work_12m_rate,
    x.work_6m_expected, x.work_12m_expected
FROM groups g
JOIN dim_area a ON a.area_level = g.area_level AND a.area_code = g.area_code
LEFT JOIN mart_indicators__area_period_by_definition i
  ON i.area_level = g.area_level AND i.area_code = g.area_code
 AND i.period_type = $2 AND i.period = $3
 AND i.include_ell = $4 AND i.art60_is_work = $5
LEFT JOIN mart_casemix__area_period_by_definition x
  ON x.area_level = i.area_level AND x.area_code = i.area_code AND x.period_type = i.period_type
 AND x.period = i.period AND x.include_ell = i.include_ell AND x.art60_is_work = i.art60_is_work
ORDER BY g.position, (SELECT rank FROM municipality_comparison c
                      WHERE c.nis_code = $1 AND c.group_kind = 'centre_city'
                        AND c.area_code = g.area_code), g.area_code;
