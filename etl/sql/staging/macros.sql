-- Shared validation macros for the staging models. Values arrive as text.

-- The 11 digits of an INSZ-shaped value (separators . - space / allowed), else NULL.
CREATE OR REPLACE TEMP MACRO insz_digits(v) AS
    CASE WHEN regexp_full_match(trim(v), '[0-9.\- /]+')
          AND length(regexp_replace(trim(v), '[.\- /]', '', 'g')) = 11
         THEN regexp_replace(trim(v), '[.\- /]', '', 'g') END;

-- A national register number with a valid mod-97 check (born before or from 2000).
CREATE OR REPLACE TEMP MACRO is_insz(v) AS
    coalesce(
        CAST(right(insz_digits(v), 2) AS INTEGER)
            IN (97 - CAST(left(insz_digits(v), 9) AS BIGINT) % 97,
                97 - (2000000000 + CAST(left(insz_digits(v), 9) AS BIGINT)) % 97),
        false);

-- Any run of 11 digits, with or without single separators between them, is
-- masked before a raw record is kept: it may be a national register number.
CREATE OR REPLACE TEMP MACRO mask_insz(v) AS
    regexp_replace(v, '(^|[^0-9])[0-9]([.\- /]?[0-9]){10}($|[^0-9])', '\1<insz verwijderd>\3', 'g');

-- 16 to 128 lower-case hexadecimal characters.
CREATE OR REPLACE TEMP MACRO is_pseudonym(v) AS
    regexp_full_match(v, '[0-9a-f]{16,128}');

-- A person id as delivered, or trimmed and in lower case when it is not a pseudonym
-- already: most are, and the string functions cost more than the match.
CREATE OR REPLACE TEMP MACRO clean_person_id(v) AS
    CASE WHEN is_pseudonym(v) THEN v ELSE lower(trim(v)) END;

CREATE OR REPLACE TEMP MACRO is_month_text(v) AS
    regexp_full_match(v, '[0-9]{4}-(0[1-9]|1[0-2])');

CREATE OR REPLACE TEMP MACRO month_index(v) AS
    CAST(left(v, 4) AS INTEGER) * 12 + CAST(right(v, 2) AS INTEGER) - 1;

-- Only for values already trimmed (the cleaned CTE of each staging model): a trim
-- of every field of every row here cost a third of the validation.
CREATE OR REPLACE TEMP MACRO blank(v) AS v IS NULL OR v = '';
