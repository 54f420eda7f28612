-- One part of the persons, read back from its file (split.sql).
CREATE OR REPLACE TEMP TABLE core_part AS
SELECT * FROM read_parquet($files, hive_partitioning = false);
