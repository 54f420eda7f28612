"""What every view shares: the page context, hidden-cell marks and display text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dashboard import fmt, i18n, indicators, queries
from dashboard.state import ViewState, from_dict
from etl import disclosure
from etl.periods import detail_period

HIDDEN_MARK = "*"
SECONDARY_MARK = "**"  # hidden only so that a small count in the same table cannot be derived


@dataclass(frozen=True)
class Ctx:
    """What a page shows, as kept in its page-state store."""

    page: str
    state: ViewState
    nis: str | None = None
    level: str | None = None
    code: str | None = None

    def store(self) -> dict:
        return {"page": self.page, "nis": self.nis, "level": self.level, "code": self.code,
                **self.state.as_dict()}

    @property
    def lang(self) -> str:
        return self.state.lang


def ctx_from_store(data: dict | None) -> Ctx:
    data = dict(data or {})
    return Ctx(page=data.get("page", ""), state=from_dict(data), nis=data.get("nis"),
               level=data.get("level"), code=data.get("code"))


@dataclass
class View:
    """One chart or table: the CSV rows, the display table and the figure's data."""

    csv: pd.DataFrame
    table: pd.DataFrame = field(default_factory=pd.DataFrame)
    data: pd.DataFrame = field(default_factory=pd.DataFrame)
    hidden: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    hidden_secondary: bool = False  # some shown cell is hidden as secondary (SECONDARY_MARK)


class Row(dict):
    """One table row as a dict that also reads as attributes (``row.code``)."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def records(df: pd.DataFrame) -> list[Row]:
    """The rows of ``df``. Use instead of ``iterrows``: a Series per row costs pandas a
    common dtype over every column, which is most of a page's time on wide frames."""
    cols = [str(c) for c in df.columns]
    values = [df.iloc[:, i].tolist() for i in range(len(cols))]  # per column: cheap
    return [Row(zip(cols, row)) for row in zip(*values)]


def pivot_text(index: dict[str, list], columns: list, values: list) -> pd.DataFrame:
    """A table of text cells: a row per distinct ``index`` tuple (its columns named by the
    keys of ``index``), a column per distinct value of ``columns``, both in order of first
    appearance; each cell the first value given for it, None where there is none. What
    ``pivot_table(aggfunc="first", sort=False)`` gives, at a fraction of its cost."""
    rows: dict[tuple, dict] = {}
    for key, column, value in zip(zip(*index.values()), columns, values):
        rows.setdefault(key, {}).setdefault(column, value)
    out = {name: [key[i] for key in rows] for i, name in enumerate(index)}
    for column in dict.fromkeys(columns):
        out[column] = [cells.get(column) for cells in rows.values()]
    return pd.DataFrame(out, columns=list(out))


def is_hidden(row: Any, col: str) -> bool:
    return col in queries.hidden_cells(row)


def is_secondary(row: Any, col: str) -> bool:
    """Hidden not for being small but so that a small cell cannot be derived from it."""
    return col in queries.hidden_cells(row, disclosure.SECONDARY_CELLS_COLUMN)


def cell_text(row: Any, col: str, lang: str, rate: bool | None = None) -> str:
    """Display text of one cell: the number, ``verborgen*`` (``**`` when hidden as
    secondary) or a dash."""
    if is_hidden(row, col):
        mark = SECONDARY_MARK if is_secondary(row, col) else HIDDEN_MARK
        return f"{i18n.t('suppressed', lang)}{mark}"
    value = row.get(col) if hasattr(row, "get") else row[col]
    is_rate = col.endswith("_rate") or col == "share" if rate is None else rate
    return fmt.pct(value) if is_rate else fmt.count(value)


def _positive(value: Any) -> bool:
    return value is not None and not pd.isna(value) and value > 0


def text_columns(df: pd.DataFrame, *keys: str, also: tuple[str, ...] = ()) -> pd.DataFrame:
    """The columns of ``df`` that ``indicator_text`` reads for ``keys`` (and ``also``):
    ``records`` of a wide frame costs by the column."""
    wanted = [*also, queries.SUPPRESSED, "person_months"]
    for key in keys:
        wanted += [key, indicators.get(key).denominator]
    return df[[c for c in dict.fromkeys(wanted) if c and c in df.columns]]


def indicator_text(row: Any, key: str, lang: str) -> str:
    """The indicator's text; an empty work rate with benefit months is 'not known yet'."""
    ind = indicators.get(key)
    text = cell_text(row, key, lang, ind.is_rate)
    if text == fmt.DASH and key.startswith("work_") and ind.denominator:
        den = row.get(ind.denominator)
        if not _positive(den) and not pd.isna(den) and _positive(row.get("person_months")):
            return f"{fmt.DASH} ({i18n.t('not_yet_known', lang)})"
    return text


def hidden_note(lang: str) -> str:
    return i18n.t("suppressed_note", lang, reason=disclosure.reason_text(lang))


def secondary_note(lang: str) -> str:
    return i18n.t("suppressed_secondary_note", lang, reason=disclosure.secondary_reason_text(lang))


def map_grey_note(lang: str, no_access: bool = False) -> str:
    """What grey means on a map; ``no_access``: also municipalities whose detail the user
    may not see."""
    return i18n.t("map_grey_detail" if no_access else "map_grey", lang,
                  reason=disclosure.reason_text(lang))


def quarter_note(ctx: Ctx) -> list[str]:
    """Breakdowns and outflow splits exist per quarter and year: for a month, say which
    quarter is shown (``etl.periods.detail_period``)."""
    st = ctx.state
    if st.period_type != "month":
        return []
    _, quarter = detail_period(st.period_type, st.period)
    return [i18n.t("detail_quarter_note", ctx.lang, quarter=fmt.period_label(quarter, ctx.lang))]


def ensure_columns(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    out = df.copy()
    for c in columns:
        if c not in out.columns:
            out[c] = pd.NA
    return out
