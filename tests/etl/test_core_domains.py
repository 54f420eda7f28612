"""The core carries categories as ENUMs and the municipality as an integer
(etl/sql/core/core_person_month.sql). Every value the validation lets through must
fit them, or a valid delivery would fail to build."""

from __future__ import annotations

import re

from etl import reference
from etl.sqlfiles import read_sql

CORE = read_sql("core/core_person_month.sql")


def _values(text: str) -> set[str]:
    return set(re.findall(r"'([^']*)'", text))


def _core_enum(column: str) -> set[str]:
    found = re.search(rf"\b{column}::ENUM\(([^)]*)\)", CORE)
    assert found, f"{column} is not carried as an ENUM in the core"
    return _values(found.group(1))


def _validated(sql: str, column: str) -> set[str]:
    found = re.search(rf"WHEN {column} NOT IN \(([^)]*)\)\s*THEN 'value_out_of_domain'", read_sql(sql))
    assert found, f"no domain check of {column} in {sql}"
    return _values(found.group(1))


def test_the_core_enums_hold_every_value_the_benefit_validation_accepts():
    for column in ("benefit_type", "household", "gender", "education", "origin", "vdab_status"):
        assert _core_enum(column) == _validated("staging/stg_benefit.sql", column), column


def test_the_core_enums_hold_every_value_the_work_validation_accepts():
    assert _core_enum("work_type") == _validated("staging/stg_work.sql", "work_type")
    # work_region is upper-cased, except 'onbekend' (stg_work.sql)
    regions = re.search(r"upper\(work_region\) NOT IN \(([^)]*)\)", read_sql("staging/stg_work.sql"))
    assert _core_enum("work_region") == _values(regions.group(1)) | {"onbekend"}


def test_municipality_codes_survive_the_integer_round_trip():
    codes = set(reference.municipalities(2025)["nis_code"]) | set(reference.municipalities(2019)["nis_code"])
    assert codes and all(str(int(code)) == code for code in codes)
