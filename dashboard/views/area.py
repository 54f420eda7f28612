"""Views of the province and region pages: members ranked, the area's trend against Flanders."""

from __future__ import annotations

import pandas as pd

from dashboard import fmt, i18n, indicators, queries
from dashboard.views import register
from dashboard.views.common import (
    Ctx, View, indicator_text, pivot_text, records, text_columns,
)
from dashboard.views.overview import export_columns, map_data, municipality_rows
from etl.csvout import EXPORT_COLUMNS


def _area_row(level: str, code: str, period: str) -> pd.Series | None:
    rows = queries.marked_level_rows(level, period)
    sel = rows[rows.code == code]
    return None if sel.empty else sel.iloc[0]


@register("area-members", "area-members-map")
def members(ctx: Ctx) -> View:
    lang, key = ctx.lang, ctx.state.indicator
    member_codes = set(queries.area_members(ctx.level, ctx.code)["nis_code"])
    rows = municipality_rows(ctx.state.period)
    rows = rows[rows.code.isin(member_codes)].reset_index(drop=True)
    area_row = _area_row(ctx.level, ctx.code, ctx.state.period)
    fl_row = _area_row("flanders", "flanders", ctx.state.period)
    data = pd.DataFrame({
        "label": rows["name"], "value": rows[key].astype("Float64"),
        "text": [indicator_text(r, key, lang) for r in records(text_columns(rows, key))],
        "kind": "region", "code": rows["code"],
    })
    refs = []
    for r, kind in ((area_row, "area"), (fl_row, "flanders")):
        if r is not None:
            refs.append((str(r["name"]), r[key] if pd.notna(r[key]) else None, kind))
    ranked = records(text_columns(rows, *indicators.ORDER, also=("name", "code"))
                     .sort_values(key, ascending=False, na_position="last"))
    table = pd.DataFrame([{
        i18n.t("name", lang): r["name"],
        **{i18n.indicator(k, lang): indicator_text(r, k, lang) for k in indicators.ORDER},
    } for r in ranked])
    cols = export_columns("municipality", ctx.state.period)
    extra_rows = [r for r in (area_row, fl_row) if r is not None]
    csv = pd.concat([rows[cols]] + [r[cols].to_frame().T for r in extra_rows], ignore_index=True)
    for c in EXPORT_COLUMNS[4:]:
        csv[c] = csv[c].astype("Float64" if c.endswith("_rate") else "Int64")
    for c in cols:
        if c not in EXPORT_COLUMNS:
            csv[c] = csv[c].astype(rows[c].dtype)
    hidden = bool(rows[queries.SUPPRESSED].ne("").any())
    return View(csv=csv, table=table, data=data, hidden=hidden,
                extra={"references": refs, "map": map_data(rows, key, lang), "rows": rows,
                       "table_codes": [r["code"] for r in ranked]})


@register("area-trend")
def trend(ctx: Ctx) -> View:
    lang, key = ctx.lang, ctx.state.indicator
    areas = [(ctx.level, ctx.code), ("flanders", "flanders")]
    df = queries.trend(areas, ctx.state.trend)
    df["series_kind"] = ["flanders" if a == "flanders" else "area" for a in df.area_level]
    df = df.sort_values(["series_kind", "sort_key"])
    data = pd.DataFrame({
        "series_kind": df.series_kind,
        "series": df.area_name.astype(str),
        "period": df.period,
        "x": [fmt.period_label(p, lang, short=True) for p in df.period],
        "value": df[key],
        "text": [indicator_text(r, key, lang) for r in records(text_columns(df, key))],
    })
    table = pivot_text({i18n.t("period", lang): data.x.tolist()}, data.series.tolist(), data.text.tolist())
    csv = df.rename(columns={"area_level": "level", "area_code": "code", "area_name": "name"})
    return View(csv=csv[EXPORT_COLUMNS], table=table, data=data,
                hidden=bool(df[queries.SUPPRESSED].str.contains(key).any()))
