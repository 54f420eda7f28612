"""Views of the municipality page: KPI cards, trend, funnel, breakdowns, centre cities, outflow."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard import fmt, i18n, indicators, queries
from dashboard.views import register
from dashboard.views.common import (
    Ctx, Row, View, cell_text, ensure_columns, indicator_text, is_hidden, is_secondary,
    pivot_text, records, text_columns,
)
from etl.csvout import EXPORT_COLUMNS
from etl.periods import detail_period, parse_period, period_months

SERIES = ["municipality", "centre_cities", "region", "flanders"]


@dataclass
class Bench:
    """A municipality's export rows split into itself and its comparison groups."""

    nis: str
    rows: pd.DataFrame  # export rows, marked
    comp: pd.DataFrame

    def __post_init__(self):
        self._records = records(self.rows)
        self._rows: dict[str, Row | None] = {}
        self._labels: dict[tuple[str, str], str] = {}
        self._cities: pd.DataFrame | None = None

    def row(self, kind: str) -> Row | None:
        if kind not in self._rows:
            self._rows[kind] = next(
                (r for r in self._records if r["level"] == kind
                 and (kind != "municipality" or r["code"] == self.nis)), None)
        return self._rows[kind]

    def cities(self) -> pd.DataFrame:
        """The named centre cities' rows with their rank and distance (do not change it)."""
        if self._cities is None:
            r = self.rows
            cities = r[(r.level == "municipality") & (r.code != self.nis)]
            cc = self.comp[self.comp.group_kind == "centre_city"][["area_code", "rank", "distance_km"]]
            self._cities = cities.merge(cc, left_on="code", right_on="area_code", how="left").sort_values("rank")
        return self._cities

    def area(self, kind: str) -> tuple[str, str] | None:
        if kind == "municipality":
            return ("municipality", self.nis)
        sel = self.comp[self.comp.group_kind == kind]
        return None if sel.empty else (sel.area_level.iat[0], sel.area_code.iat[0])

    def label(self, kind: str, lang: str) -> str:
        key = (kind, lang)
        if key not in self._labels:
            row = self.row(kind)
            if kind in ("centre_cities", "flanders") or row is None:
                self._labels[key] = i18n.level(kind, lang)
            else:
                self._labels[key] = str(row["name"])
        return self._labels[key]


_bench_cache: dict[tuple, Bench] = {}


def bench(ctx: Ctx, detail: bool = False) -> Bench:
    """The municipality's export rows (built once per data version, nis and period).

    The rows are read through the access gate first, every time, so a cached ``Bench``
    is only handed out after the gate said yes: ``detail=False`` for the headline cards
    (every logged-in user), ``detail=True`` for a detail section (``AccessDenied`` unless
    the user may see this municipality's detail). Both read the same rows."""
    read = queries.detail_benchmark if detail else queries.benchmark
    rows = read(ctx.nis, ctx.state.period)
    key = (queries.data_version(), ctx.nis, ctx.state.period)
    hit = _bench_cache.get(key)
    if hit is None:
        hit = Bench(ctx.nis, queries.mark_export_hidden(rows), queries.comparison(ctx.nis))
        if len(_bench_cache) > 512:
            _bench_cache.clear()
        _bench_cache[key] = hit
    return hit


@register("mun-kpi")
def kpi(ctx: Ctx) -> View:
    b = bench(ctx)
    return View(csv=b.rows.drop(columns=[queries.SUPPRESSED]), data=b.rows, extra={"bench": b})


def _highlight(period_type: str, period: str, trend_type: str, trend_periods: list[str]) -> list[str]:
    first, last = period_months(period_type, period)
    out = []
    for p in trend_periods:
        a, z = period_months(*parse_period(p))
        if a <= last and z >= first:
            out.append(p)
    return out


def _export_like(df: pd.DataFrame) -> pd.DataFrame:
    out = df.rename(columns={"area_level": "level", "area_code": "code", "area_name": "name"})
    return ensure_columns(out, EXPORT_COLUMNS)


@register("mun-trend")
def trend(ctx: Ctx) -> View:
    b = bench(ctx, detail=True)
    lang, key = ctx.lang, ctx.state.indicator
    kinds = [k for k in SERIES if b.area(k)]
    areas = {b.area(k): k for k in kinds}
    df = queries.trend(list(areas), ctx.state.trend)
    df["series_kind"] = [areas[(a, c)] for a, c in zip(df.area_level, df.area_code)]
    df["_o"] = df.series_kind.map({k: i for i, k in enumerate(SERIES)})
    df = df.sort_values(["_o", "sort_key"])
    data = pd.DataFrame({
        "series_kind": df.series_kind,
        "series": [b.label(k, lang) for k in df.series_kind],
        "period": df.period,
        "x": [fmt.period_label(p, lang, short=True) for p in df.period],
        "value": df[key],
        "text": [indicator_text(r, key, lang) for r in records(text_columns(df, key))],
    })
    periods = list(dict.fromkeys(df.period))
    hl = _highlight(ctx.state.period_type, ctx.state.period, ctx.state.trend, periods)
    table = pivot_text({i18n.t("period", lang): data.x.tolist()}, data.series.tolist(), data.text.tolist())
    csv = _export_like(df)[EXPORT_COLUMNS]
    return View(csv=csv, table=table, data=data,
                hidden=bool(df[queries.SUPPRESSED].str.contains(key).any()),
                extra={"highlight": [fmt.period_label(p, lang, short=True) for p in hl]})


@register("mun-funnel")
def funnel(ctx: Ctx) -> View:
    b = bench(ctx, detail=True)
    lang = ctx.lang
    recs = []
    for kind in SERIES:
        row = b.row(kind)
        if row is None:
            continue
        for step in indicators.FUNNEL_STEPS:
            if step == "leefloners":
                n = row["leefloners"]
                share = 1.0 if pd.notna(n) and n > 0 else pd.NA
                text = (fmt.pct(share) if pd.notna(share)
                        else cell_text(row, "leefloners", lang))
            else:
                share = row[step]
                text = indicator_text(row, step, lang)
            recs.append({"series_kind": kind, "series": b.label(kind, lang), "level": row["level"],
                         "code": row["code"], "name": row["name"], "period": row["period"],
                         "step_key": step, "step": i18n.t(f"funnel_step_{step}", lang),
                         "share": share, "text": text})
    data = pd.DataFrame(recs)
    if data.empty:
        return View(csv=pd.DataFrame(columns=["level", "code", "name", "period", "step", "share"]),
                    data=data)
    csv = data[["level", "code", "name", "period", "step_key", "share"]].rename(
        columns={"step_key": "step"})
    csv = csv.assign(share=csv["share"].astype("Float64"))
    table = pivot_text({"": data.step.tolist()}, data.series.tolist(), data.text.tolist())
    hidden = bool(b.rows[queries.SUPPRESSED].ne("").any())
    return View(csv=csv, table=table, data=data, hidden=hidden)


BREAKDOWN_CSV = ["level", "code", "name", "period", "dimension", "category", "leefloners",
                 "leefloners_share", "person_months", "registration_rate", "guidance_rate",
                 "work_6m_base", "work_6m_n", "work_6m_rate", "work_12m_base", "work_12m_n",
                 "work_12m_rate"]


def _with_empty_categories(df: pd.DataFrame) -> pd.DataFrame:
    """A category no one was in has no row: add it with 0 persons, so that the table says
    0 rather than nothing, and every series lists its categories in the same order. A 0
    is always shown (docs/privacy.md)."""
    have = set(zip(df.area_level, df.area_code, df.dimension, df.category))
    kept = ["area_level", "area_code", "area_name", "period_type", "period", "dimension"]
    counts = [c for c in queries.COUNT_COLUMNS if c in df.columns]
    empty = []
    for r in records(df.drop_duplicates(["area_level", "area_code", "dimension"])[kept]):
        for category in indicators.CATEGORY_ORDER.get(r.dimension, []):
            if (r.area_level, r.area_code, r.dimension, category) not in have:
                empty.append({**r, "category": category, **dict.fromkeys(counts, 0),
                              queries.SUPPRESSED: ""})
    if not empty:
        return df
    added = pd.DataFrame(empty).astype({c: df[c].dtype for c in counts})
    return pd.concat([df, added], ignore_index=True)


@register("mun-breakdown")
def breakdown(ctx: Ctx) -> View:
    b = bench(ctx, detail=True)
    lang, key = ctx.lang, ctx.state.indicator
    kinds = ["municipality", ctx.state.cmp]
    areas = {b.area(k): k for k in kinds if b.area(k)}
    df = queries.breakdown(list(areas), ctx.state.period_type, ctx.state.period)
    if df.empty:
        return View(csv=pd.DataFrame(columns=BREAKDOWN_CSV), data=pd.DataFrame(
            columns=["dimension", "series_kind", "series", "category", "value", "text"]))
    df = _with_empty_categories(df)
    df["series_kind"] = [areas[(a, c)] for a, c in zip(df.area_level, df.area_code)]
    totals = {k: (b.row(k)["leefloners"] if b.row(k) is not None else pd.NA) for k in kinds}
    period_type, period = detail_period(ctx.state.period_type, ctx.state.period)
    if period != ctx.state.period:  # a month shows its quarter: the quarter's totals
        quarter = queries.indicators(list(areas), period_type, period)
        found = {areas[(r.area_level, r.area_code)]: r.leefloners for r in records(quarter)}
        totals = {k: found.get(k, pd.NA) for k in kinds}
    share = []
    for r in records(df):
        tot = totals.get(r.series_kind)
        ok = pd.notna(r.leefloners) and tot is not None and pd.notna(tot) and tot > 0
        share.append(float(r.leefloners) / float(tot) if ok else pd.NA)
    df["leefloners_share"] = pd.array(share, dtype="Float64")
    order = {d: i for i, d in enumerate(indicators.BREAKDOWN_DIMENSIONS)}
    df["_d"] = df.dimension.map(order)
    df["_c"] = [indicators.CATEGORY_ORDER.get(d, []).index(c)
                if c in indicators.CATEGORY_ORDER.get(d, []) else 99
                for d, c in zip(df.dimension, df.category)]
    df["_s"] = df.series_kind.map({k: i for i, k in enumerate(kinds)})
    df = df.sort_values(["_d", "_s", "_c"])
    col = "leefloners_share" if key == "leefloners" else key
    texts, secondary = [], False
    for r in records(df):
        if key == "leefloners":
            texts.append(cell_text(r, "leefloners", lang) if is_hidden(r, "leefloners")
                         else fmt.pct(r.leefloners_share))
        else:
            texts.append(indicator_text(r, key, lang))
        secondary = secondary or (is_hidden(r, key) and is_secondary(r, key))
    data = pd.DataFrame({
        "dimension": df.dimension,
        "series_kind": df.series_kind,
        "series": [b.label(k, lang) for k in df.series_kind],
        "category": [i18n.category(c, lang) for c in df.category],
        "value": df[col].astype("Float64"),
        "text": texts,
    })
    table = pivot_text({"": [i18n.category(d, lang) for d in data.dimension], " ": data.category.tolist()},
                       data.series.tolist(), data.text.tolist())
    csv = _export_like(df)
    csv = ensure_columns(csv, BREAKDOWN_CSV)[BREAKDOWN_CSV]
    hidden = bool(df[queries.SUPPRESSED].ne("").any())
    return View(csv=csv, table=table, data=data, hidden=hidden, hidden_secondary=secondary)


@register("mun-cities")
def cities(ctx: Ctx) -> View:
    b = bench(ctx, detail=True)
    lang, key = ctx.lang, ctx.state.indicator
    ind = indicators.get(key)
    me, pool = b.row("municipality"), b.row("centre_cities")
    cities_df = b.cities()
    recs = []
    if me is not None:
        recs.append((me, "municipality", str(me["name"]), None, None))
    for c in records(cities_df):
        recs.append((c, "centre_city", str(c["name"]), c["rank"], c["distance_km"]))
    if pool is not None:
        recs.append((pool, "centre_cities", i18n.level("centre_cities", lang), None, None))
    data = pd.DataFrame([{
        "label": label + (f" ({fmt.km(dist)})" if dist is not None and pd.notna(dist) else ""),
        "value": row[key], "text": indicator_text(row, key, lang),
        "kind": kind, "code": row["code"],
    } for row, kind, label, _, dist in recs])
    table = pd.DataFrame([{
        i18n.t("name", lang): label,
        i18n.t("distance", lang): fmt.km(dist) if dist is not None and pd.notna(dist) else "",
        **{i18n.indicator(k, lang): indicator_text(row, k, lang) for k in indicators.ORDER},
    } for row, kind, label, _, dist in recs])
    csv_rows = [{c: row.get(c) for c in EXPORT_COLUMNS} | {"rank": rank, "distance_km": dist}
                for row, _, _, rank, dist in recs]
    csv = pd.DataFrame(csv_rows, columns=EXPORT_COLUMNS + ["rank", "distance_km"])
    csv["rank"] = csv["rank"].astype("Int64")
    csv["distance_km"] = csv["distance_km"].astype("Float64")
    hidden = any(is_hidden(r, k) for r, *_ in recs for k in indicators.ORDER)
    refs = []
    return View(csv=csv, table=table, data=data, hidden=hidden,
                extra={"is_rate": ind.is_rate, "references": refs})


OUTFLOW_CSV = ["level", "code", "name", "period", "horizon_months", "split", "category", "n", "share"]


@register("mun-outflow")
def outflow(ctx: Ctx) -> View:
    b = bench(ctx, detail=True)
    lang, h = ctx.lang, ctx.state.horizon
    me, pool = b.row("municipality"), b.row("centre_cities")
    rows = [("municipality", me, str(me["name"]) if me is not None else "")]
    # the centre cities one by one are their own detail: only those the user may see
    principal = queries.current_principal()
    cities_df = b.cities()
    shown = [c for c in records(cities_df) if principal.can_see_detail(c["code"])]
    withheld = [str(c["name"]) for c in records(cities_df)
                if not principal.can_see_detail(c["code"])]
    rows += [("centre_city", c, str(c["name"])) for c in shown]
    rows += [("centre_cities", pool, i18n.level("centre_cities", lang))]
    rows = [(k, r, label) for k, r, label in rows if r is not None]
    areas = [(r["level"], r["code"]) for _, r, _ in rows]
    df = queries.outflow(areas, ctx.state.period_type, ctx.state.period, h)
    found = {(r.area_level, r.area_code, r.split, r.category):
             (r.n, "n" in str(r.suppressed).split(",")) for r in df.itertuples()}
    period_type, period = detail_period(ctx.state.period_type, ctx.state.period)
    totals = {(r["level"], r["code"]): r.get(f"work_{h}m_n") for _, r, _ in rows}
    if period != ctx.state.period:  # a month shows its quarter: the quarter's totals
        quarter = queries.indicators(areas, period_type, period)
        totals = {(r.area_level, r.area_code): r[f"work_{h}m_n"] for r in records(quarter)}
    recs = []
    for kind, row, label in rows:
        total = totals.get((row["level"], row["code"]), pd.NA)
        for split in ("work_type", "work_region"):
            for cat in indicators.CATEGORY_ORDER[split]:
                n, hid = found.get((row["level"], row["code"], split, cat), (0, False))
                ok = not hid and pd.notna(total) and total and pd.notna(n)
                share = float(n) / float(total) if ok else pd.NA
                text = (f"{i18n.t('suppressed', lang)}*" if hid or pd.isna(total)
                        else f"{fmt.pct(share)} ({fmt.count(n)})" if ok else fmt.DASH)
                recs.append({"level": row["level"], "code": row["code"], "name": row["name"],
                             "period": period, "horizon_months": h, "split": split,
                             "category_key": cat, "n": pd.NA if hid else n, "share": share,
                             "series": label, "category": i18n.category(cat, lang), "text": text,
                             "hidden": hid or pd.isna(total)})
    data = pd.DataFrame(recs)
    if data.empty:
        return View(csv=pd.DataFrame(columns=OUTFLOW_CSV), data=data,
                    extra={"withheld": withheld})
    csv = data.rename(columns={"category": "category_label", "category_key": "category"})
    csv = csv[OUTFLOW_CSV].copy()
    csv["n"] = csv["n"].astype("Int64")
    csv["share"] = csv["share"].astype("Float64")
    tables = {}
    for split in dict.fromkeys(data.split):
        part = [r for r in recs if r["split"] == split]
        tables[split] = pivot_text({i18n.category(split, lang): [r["series"] for r in part]},
                                   [r["category"] for r in part], [r["text"] for r in part])
    return View(csv=csv, table=tables.get("work_type", pd.DataFrame()), data=data,
                hidden=bool(data.hidden.any()), extra={"tables": tables, "withheld": withheld})
