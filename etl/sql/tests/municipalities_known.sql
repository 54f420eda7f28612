-- Every loaded month is assigned to a current Flemish municipality.
SELECT DISTINCT nis_code FROM benefit_month
WHERE nis_code NOT IN (SELECT nis_code FROM dim_municipality);
