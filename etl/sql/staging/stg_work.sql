-- Validate the raw work rows of one delivery (all text) and type them.
WITH cleaned AS (
    SELECT
        r.file_seq, r.line, r.well_formed, r.record,
        clean_person_id(r.person_id) AS person_id,
        trim(r.ref_month) AS ref_month,
        -- values already in their canonical form skip the string functions
        CASE WHEN r.work_type IN ('regulier', 'art60', 'sociale_economie', 'interim', 'zelfstandige')
             THEN r.work_type ELSE lower(trim(r.work_type)) END AS work_type,
        CASE WHEN r.work_region IN ('VLG', 'BRU', 'WAL', 'BUI', 'onbekend') THEN r.work_region
             ELSE trim(r.work_region) END AS work_region
    FROM raw_work r
),
checked AS (
    SELECT
        *,
        CASE WHEN is_month_text(ref_month) THEN month_index(ref_month) END AS month_idx,
        CASE
            WHEN NOT well_formed THEN 'malformed_row'
            WHEN length(person_id) BETWEEN 11 AND 32 AND is_insz(person_id) THEN 'unpseudonymised_id'
            WHEN blank(person_id) THEN 'missing_value'
            WHEN NOT is_pseudonym(person_id) THEN 'invalid_person_id'
            WHEN blank(ref_month) THEN 'missing_value'
            WHEN NOT is_month_text(ref_month) THEN 'invalid_month'
            WHEN blank(work_type) THEN 'missing_value'
            WHEN work_type NOT IN ('regulier', 'art60', 'sociale_economie', 'interim', 'zelfstandige')
                THEN 'value_out_of_domain'
            WHEN blank(work_region) THEN 'missing_value'
            WHEN work_region NOT IN ('VLG', 'BRU', 'WAL', 'BUI', 'onbekend')
             AND upper(work_region) NOT IN ('VLG', 'BRU', 'WAL', 'BUI') AND lower(work_region) <> 'onbekend'
                THEN 'value_out_of_domain'
        END AS reason
    FROM cleaned
)
SELECT
    file_seq, line,
    CASE WHEN reason IS NOT NULL THEN mask_insz(coalesce(record, concat_ws(',',
        CASE WHEN reason IN ('unpseudonymised_id', 'invalid_person_id') THEN '<verwijderd>' ELSE person_id END,
        ref_month, work_type, work_region))) END AS record,
    CASE
        WHEN reason IS NULL OR reason = 'malformed_row' THEN NULL
        WHEN reason IN ('unpseudonymised_id', 'invalid_person_id') OR blank(person_id) THEN 'person_id'
        WHEN reason = 'invalid_month' OR blank(ref_month) THEN 'ref_month'
        WHEN blank(work_type) OR work_type NOT IN ('regulier', 'art60', 'sociale_economie', 'interim', 'zelfstandige')
            THEN 'work_type'
        ELSE 'work_region'
    END AS field,
    reason,
    CASE WHEN reason IN ('unpseudonymised_id', 'invalid_person_id') THEN NULL ELSE person_id END AS person_id,
    CASE WHEN reason IS NULL THEN hash(person_id) END AS person_key,
    ref_month, month_idx, work_type,
    CASE WHEN work_region IN ('VLG', 'BRU', 'WAL', 'BUI', 'onbekend') THEN work_region
         WHEN lower(work_region) = 'onbekend' THEN 'onbekend' ELSE upper(work_region) END AS work_region
FROM checked
