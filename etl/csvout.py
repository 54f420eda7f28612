"""CSV writing for exports and downloads (data contract section 6)."""

from __future__ import annotations

import csv
import io
import math

import pandas as pd

EXPORT_COLUMNS = [
    "level",
    "code",
    "name",
    "period",
    "leefloners",
    "person_months",
    "registration_rate",
    "guidance_rate",
    "work_6m_base",
    "work_6m_n",
    "work_6m_rate",
    "work_12m_base",
    "work_12m_n",
    "work_12m_rate",
]
RATE_DECIMALS = 6
_INJECTION_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Stop a spreadsheet from reading a text cell as a formula."""
    if text.startswith(_INJECTION_PREFIXES):
        return "'" + text
    return text


def _cell(value, excel: bool) -> str:
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):  # counts; floats are rates and keep their decimals
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        text = f"{value:.{RATE_DECIMALS}f}"
        return text.replace(".", ",") if excel else text
    return neutralise(str(value))


def to_csv_bytes(df: pd.DataFrame, excel: bool = False) -> bytes:
    """Plain CSV (``,``, decimal point, UTF-8) or the Belgian Excel variant
    (``;``, decimal comma, UTF-8 with BOM)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if excel else ",", lineterminator="\r\n" if excel else "\n")
    writer.writerow([neutralise(str(c)) for c in df.columns])
    for row in df.astype(object).itertuples(index=False, name=None):
        writer.writerow([_cell(v, excel) for v in row])
    text = buf.getvalue()
    return ("\ufeff" + text).encode("utf-8") if excel else text.encode("utf-8")
