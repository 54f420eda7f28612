-- The contract's own definition (equivalent leefloon included, art. 60 counted
-- as work) under the plain mart names. mart_breakdown__area_period is built in
-- that definition only (03_breakdown.sql).
CREATE OR REPLACE VIEW mart_indicators__area_period AS
SELECT * EXCLUDE (include_ell, art60_is_work)
FROM mart_indicators__area_period_by_definition WHERE include_ell AND art60_is_work;

CREATE OR REPLACE VIEW mart_outflow__area_period AS
SELECT * EXCLUDE (include_ell, art60_is_work)
FROM mart_outflow__area_period_by_definition WHERE include_ell AND art60_is_work;
