-- Validate the raw benefit rows of one delivery (all text) and type them.
-- Every row gets exactly one outcome: a NULL reason (loadable) or the first
-- reason it fails on. One SELECT, run for each file as it is read (etl/load.py):
-- the load holds one file's raw text at a time. Duplicate keys across the
-- files are marked afterwards (duplicates.sql).
WITH cleaned AS (
    SELECT
        r.file_seq, r.line, r.well_formed, r.record,
        clean_person_id(r.person_id) AS person_id,
        trim(r.ref_month) AS ref_month,
        trim(r.nis_code) AS nis_code,
        -- values already in their canonical form skip the string functions
        CASE WHEN r.benefit_type IN ('LL', 'ELL') THEN r.benefit_type
             ELSE upper(trim(r.benefit_type)) END AS benefit_type,
        CASE WHEN r.household IN ('samenwonend', 'alleenstaand', 'gezinslast') THEN r.household
             ELSE lower(trim(r.household)) END AS household,
        CASE WHEN r.gender IN ('M', 'V', 'X') THEN r.gender ELSE upper(trim(r.gender)) END AS gender,
        trim(r.birth_year) AS birth_year,
        CASE WHEN r.education IN ('laag', 'midden', 'hoog', 'onbekend') THEN r.education
             ELSE lower(trim(r.education)) END AS education,
        CASE WHEN r.origin IN ('belg', 'eu', 'niet_eu', 'onbekend') THEN r.origin
             ELSE lower(trim(r.origin)) END AS origin,
        CASE WHEN r.vdab_status IN ('niet_ingeschreven', 'nwwz', 'begeleiding', 'opleiding', 'werkervaring',
                                    'niet_beschikbaar') THEN r.vdab_status
             ELSE lower(trim(r.vdab_status)) END AS vdab_status,
        CASE WHEN r.gpmi IN ('0', '1') THEN r.gpmi ELSE lower(trim(r.gpmi)) END AS gpmi
    FROM raw_benefit r
),
coded AS (
    SELECT
        c.*,
        ref.vintage AS nis_vintage,
        ref.region_code AS nis_region,
        ref.successor_nis,
        CASE WHEN is_month_text(c.ref_month) THEN month_index(c.ref_month) END AS month_idx
    FROM cleaned c
    LEFT JOIN ref_nis_code ref
        ON ref.nis_code = c.nis_code
       AND ref.vintage = CASE WHEN c.ref_month >= '2025-01' THEN 2025 ELSE 2019 END
),
checked AS (
    SELECT
        *,
        CASE
            WHEN NOT well_formed THEN 'malformed_row'
            WHEN length(person_id) BETWEEN 11 AND 32 AND is_insz(person_id) THEN 'unpseudonymised_id'
            WHEN blank(person_id) THEN 'missing_value'
            WHEN NOT is_pseudonym(person_id) THEN 'invalid_person_id'
            WHEN blank(ref_month) THEN 'missing_value'
            WHEN month_idx IS NULL THEN 'invalid_month'
            WHEN blank(nis_code) THEN 'missing_value'
            WHEN successor_nis IS NULL AND nis_code IN (SELECT nis_code FROM ref_nis_code WHERE region_code = '02000')
                THEN 'nis_code_not_valid_in_month'
            WHEN successor_nis IS NULL THEN 'unknown_nis_code'
            WHEN nis_region <> '02000' THEN 'nis_code_outside_flanders'
            WHEN blank(benefit_type) THEN 'missing_value'
            WHEN benefit_type NOT IN ('LL', 'ELL') THEN 'value_out_of_domain'
            WHEN blank(household) THEN 'missing_value'
            WHEN household NOT IN ('samenwonend', 'alleenstaand', 'gezinslast') THEN 'value_out_of_domain'
            WHEN blank(gender) THEN 'missing_value'
            WHEN gender NOT IN ('M', 'V', 'X') THEN 'value_out_of_domain'
            WHEN blank(birth_year) THEN 'missing_value'
            WHEN NOT regexp_full_match(birth_year, '[0-9]{4}') THEN 'value_out_of_domain'
            WHEN CAST(birth_year AS INTEGER) < 1900
              OR CAST(birth_year AS INTEGER) > CAST(left(ref_month, 4) AS INTEGER) - 15
                THEN 'birth_year_out_of_range'
            WHEN blank(education) THEN 'missing_value'
            WHEN education NOT IN ('laag', 'midden', 'hoog', 'onbekend') THEN 'value_out_of_domain'
            WHEN blank(origin) THEN 'missing_value'
            WHEN origin NOT IN ('belg', 'eu', 'niet_eu', 'onbekend') THEN 'value_out_of_domain'
            WHEN blank(vdab_status) THEN 'missing_value'
            WHEN vdab_status NOT IN ('niet_ingeschreven', 'nwwz', 'begeleiding', 'opleiding',
                                     'werkervaring', 'niet_beschikbaar') THEN 'value_out_of_domain'
            WHEN blank(gpmi) THEN 'missing_value'
            WHEN gpmi NOT IN ('0', '1', 'true', 'false', 'j', 'n') THEN 'value_out_of_domain'
        END AS reason
    FROM coded
),
fielded AS (
    SELECT
        *,
        CASE
            WHEN reason IS NULL OR reason = 'malformed_row' THEN NULL
            WHEN reason IN ('unpseudonymised_id', 'invalid_person_id') OR blank(person_id) THEN 'person_id'
            WHEN reason = 'invalid_month' OR blank(ref_month) THEN 'ref_month'
            WHEN reason LIKE '%nis_code%' OR blank(nis_code) THEN 'nis_code'
            WHEN reason = 'birth_year_out_of_range' THEN 'birth_year'
            WHEN blank(benefit_type) OR benefit_type NOT IN ('LL', 'ELL') THEN 'benefit_type'
            WHEN blank(household) OR household NOT IN ('samenwonend', 'alleenstaand', 'gezinslast') THEN 'household'
            WHEN blank(gender) OR gender NOT IN ('M', 'V', 'X') THEN 'gender'
            WHEN blank(birth_year) OR NOT regexp_full_match(birth_year, '[0-9]{4}') THEN 'birth_year'
            WHEN blank(education) OR education NOT IN ('laag', 'midden', 'hoog', 'onbekend') THEN 'education'
            WHEN blank(origin) OR origin NOT IN ('belg', 'eu', 'niet_eu', 'onbekend') THEN 'origin'
            WHEN blank(vdab_status) OR vdab_status NOT IN ('niet_ingeschreven', 'nwwz', 'begeleiding', 'opleiding',
                                     'werkervaring', 'niet_beschikbaar') THEN 'vdab_status'
            ELSE 'gpmi'
        END AS field
    FROM checked
)
SELECT
    file_seq, line,
    CASE WHEN reason IS NOT NULL THEN mask_insz(coalesce(record, concat_ws(',',
        CASE WHEN reason IN ('unpseudonymised_id', 'invalid_person_id') THEN '<verwijderd>' ELSE person_id END,
        ref_month, nis_code, benefit_type, household, gender, birth_year, education, origin,
        vdab_status, gpmi))) END AS record,
    field,
    reason,
    CASE WHEN reason IN ('unpseudonymised_id', 'invalid_person_id') THEN NULL ELSE person_id END AS person_id,
    CASE WHEN reason IS NULL THEN hash(person_id) END AS person_key,
    ref_month, month_idx,
    nis_code AS nis_code_delivered,
    successor_nis AS nis_code,
    benefit_type, household, gender,
    TRY_CAST(birth_year AS INTEGER) AS birth_year,
    education, origin, vdab_status,
    gpmi IN ('1', 'true', 'j') AS gpmi
FROM fielded
