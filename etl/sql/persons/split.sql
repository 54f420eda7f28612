-- The person-months split once into $parts parts of the persons (person_key modulo
-- $parts), written to Parquet files under $dir: each part is then read from its own
-- file rather than by scanning the whole core again (etl/build.py).
COPY (SELECT *, person_key % $parts AS part FROM person_month_counted)
TO $dir (FORMAT parquet, PARTITION_BY (part), OVERWRITE);
