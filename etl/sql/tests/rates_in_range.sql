-- Rates are fractions and numerators never exceed their denominators.
SELECT area_level, area_code, period
FROM mart_indicators__area_period
WHERE n_registered > person_months OR n_guidance > person_months
   OR work_6m_n > work_6m_base OR work_12m_n > work_12m_base
   OR leefloners > person_months OR work_12m_base > work_6m_base
LIMIT 10;
