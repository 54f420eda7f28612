"""Views of the Flanders overview: every municipality (map and table), and area totals."""

from __future__ import annotations

import pandas as pd

from dashboard import fmt, i18n, indicators, queries
from dashboard.views import register
from dashboard.views.common import (
    Ctx, View, cell_text, indicator_text, is_hidden, records, text_columns,
)


def export_columns(level: str, period: str) -> list[str]:
    """The columns of ``python -m etl export --level`` (the contract's, and any the ETL adds)."""
    return [c for c in queries.marked_level_rows(level, period).columns if c != queries.SUPPRESSED]


def municipality_rows(period: str) -> pd.DataFrame:
    """Export rows of every municipality, marked, with province and region."""
    rows = queries.marked_level_rows("municipality", period)
    muni = queries.municipalities()[["nis_code", "province_code", "province_name",
                                     "region_code", "region_name"]]
    return rows.merge(muni, left_on="code", right_on="nis_code", how="left")


def map_data(rows: pd.DataFrame, key: str, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        "nis_code": rows["code"],
        "name": rows["name"],
        "value": rows[key].astype("Float64"),
        "text": [f"{i18n.indicator(key, lang)}: {indicator_text(r, key, lang)}"
                 for r in records(text_columns(rows, key))],
    })


def grid_rows(rows: pd.DataFrame, state_query: str, lang: str) -> list[dict]:
    """Rows for the ag-grid: raw numbers for sorting, text for hidden cells."""
    out = []
    for r in records(rows):
        rec = {
            "nis_code": r["code"],
            "name": r["name"],
            "link": f"[{r['name']}](/gemeente/{r['code']}{state_query})",
            "province": r.get("province_name"),
            "region": r.get("region_name"),
            "hidden": r[queries.SUPPRESSED],
        }
        for k in indicators.ORDER:
            v = r[k]
            rec[k] = None if pd.isna(v) else (float(v) if indicators.get(k).is_rate else int(v))
        out.append(rec)
    return out


@register("ov-municipalities", "ov-municipalities-map")
def municipalities(ctx: Ctx) -> View:
    rows = municipality_rows(ctx.state.period)
    key = ctx.state.indicator
    hidden = bool(rows[queries.SUPPRESSED].ne("").any())
    cols = export_columns("municipality", ctx.state.period)
    return View(csv=rows[cols], data=map_data(rows, key, ctx.lang), hidden=hidden,
                extra={"rows": rows})


def totals_rows(period: str) -> pd.DataFrame:
    parts = [queries.level_rows(level, period) for level in ("flanders", "province", "region")]
    return queries.mark_export_hidden(pd.concat([p for p in parts if not p.empty], ignore_index=True))


@register("ov-totals")
def totals(ctx: Ctx) -> View:
    rows = totals_rows(ctx.state.period)
    lang = ctx.lang
    table = pd.DataFrame([{
        "": i18n.level(r["level"], lang),
        i18n.t("name", lang): r["name"],
        **{i18n.indicator(k, lang): (indicator_text(r, k, lang) if indicators.get(k).is_rate
                                     else cell_text(r, k, lang, False))
           for k in indicators.ORDER},
    } for r in records(rows)])
    hidden = bool(rows[queries.SUPPRESSED].ne("").any())
    links = [f"/{'provincie' if r['level'] == 'province' else 'regio'}/{r['code']}"
             if r["level"] in ("province", "region") else None for r in records(rows)]
    return View(csv=rows.drop(columns=[queries.SUPPRESSED]), table=table, data=rows,
                hidden=hidden, extra={"links": links})


def fmt_count(v) -> str:
    return fmt.count(v)


__all__ = ["municipalities", "totals", "municipality_rows", "is_hidden"]
