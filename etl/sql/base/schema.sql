-- Persistent tables of a warehouse version. Loads add to them; core and marts
-- are rebuilt from them on every load.
CREATE TABLE IF NOT EXISTS benefit_month (
    person_id VARCHAR NOT NULL,        -- pseudonym only
    person_key UBIGINT NOT NULL,       -- hash(person_id): a compact join key (collisions fail the load)
    ref_month VARCHAR NOT NULL,
    month_idx INTEGER NOT NULL,
    nis_code_delivered VARCHAR NOT NULL,
    nis_code VARCHAR NOT NULL,         -- current (2025) municipality
    benefit_type VARCHAR NOT NULL,
    household VARCHAR NOT NULL,
    gender VARCHAR NOT NULL,
    birth_year INTEGER NOT NULL,
    education VARCHAR NOT NULL,
    origin VARCHAR NOT NULL,
    vdab_status VARCHAR NOT NULL,
    gpmi BOOLEAN NOT NULL,
    source_sha256 VARCHAR NOT NULL,
    source_line BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS work_month (
    person_id VARCHAR NOT NULL,
    person_key UBIGINT NOT NULL,
    ref_month VARCHAR NOT NULL,
    month_idx INTEGER NOT NULL,
    work_type VARCHAR NOT NULL,
    work_region VARCHAR NOT NULL,
    source_sha256 VARCHAR NOT NULL,
    source_line BIGINT NOT NULL
);

-- Rows that could not be loaded. `record` is the raw row with every
-- INSZ-shaped token masked; person_id is kept only when it is a valid pseudonym.
CREATE TABLE IF NOT EXISTS quarantine (
    load_id VARCHAR NOT NULL,
    source_sha256 VARCHAR NOT NULL,
    path VARCHAR NOT NULL,
    feed VARCHAR NOT NULL,
    line BIGINT NOT NULL,
    reason VARCHAR NOT NULL,
    field VARCHAR,
    person_id VARCHAR,
    ref_month VARCHAR,
    record VARCHAR
);

CREATE TABLE IF NOT EXISTS load_manifest (
    load_id VARCHAR NOT NULL,
    data_version VARCHAR,
    path VARCHAR NOT NULL,
    feed VARCHAR,
    file_format VARCHAR,
    sha256 VARCHAR,
    outcome VARCHAR NOT NULL,
    rows_in BIGINT NOT NULL,
    rows_loaded BIGINT NOT NULL,
    rows_quarantined BIGINT NOT NULL,
    quarantine_reasons VARCHAR NOT NULL,  -- JSON object reason -> count
    months VARCHAR NOT NULL,              -- JSON list of the months the file loaded
    warnings VARCHAR NOT NULL,            -- JSON list
    error VARCHAR,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS load_replacement (
    load_id VARCHAR NOT NULL,
    feed VARCHAR NOT NULL,
    ref_month VARCHAR NOT NULL,
    rows_before BIGINT NOT NULL,
    rows_after BIGINT NOT NULL
);
