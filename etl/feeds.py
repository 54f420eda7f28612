"""The two input feeds of data contract section 1."""

from __future__ import annotations

FEED_COLUMNS = {
    "benefit": [
        "person_id",
        "ref_month",
        "nis_code",
        "benefit_type",
        "household",
        "gender",
        "birth_year",
        "education",
        "origin",
        "vdab_status",
        "gpmi",
    ],
    "work": ["person_id", "ref_month", "work_type", "work_region"],
}

QUARANTINE_REASONS = {
    "malformed_row": "the row does not have as many fields as the header",
    "unpseudonymised_id": "person_id is a national register number (INSZ), not a pseudonym; the value is not kept",
    "invalid_person_id": "person_id is not a pseudonym of 16 to 128 hexadecimal characters; the value is not kept",
    "missing_value": "a required field is empty",
    "invalid_month": "ref_month is not a month in the form YYYY-MM",
    "unknown_nis_code": "nis_code is not a Belgian municipality code",
    "nis_code_not_valid_in_month": "nis_code is a Flemish municipality code, but not one valid in ref_month "
    "(codes of the 2019 vintage before 2025, of the 2025 vintage from 2025)",
    "nis_code_outside_flanders": "nis_code is a municipality in Brussels or Wallonia",
    "value_out_of_domain": "the value is not one of the values the contract allows for the field",
    "birth_year_out_of_range": "birth_year is not between 1900 and the year of ref_month minus 15",
    "duplicate_key": "an earlier row of this delivery has the same person_id and ref_month (the first is kept)",
}


def feed_of(filename: str) -> str | None:
    name = filename.lower()
    for feed in FEED_COLUMNS:
        if name.startswith(feed + "_"):
            return feed
    return None
