"""Views of the analysis page (/analyse/<nis>): for each chart or table, the rows it shows.

As on the other pages, the page and the download callback call the same function, so
a CSV is exactly what is on screen. Every CSV records the period and the definition
(``include_ell``, ``art60_is_work``).

The page's definition travels in the page-state store as ``Ctx.code``
(``ell=1,art60=0``; ``level`` is ``"definition"``): the shared download callback
rebuilds the context from the store and knows only ``Ctx``'s fields.
"""

from __future__ import annotations

from urllib.parse import urlencode

import numpy as np
import pandas as pd

from dashboard import analysis_queries as aq
from dashboard import fmt, i18n, indicators
from dashboard.figures import theme
from dashboard.state import ViewState
from dashboard.views import register
from dashboard.views.common import HIDDEN_MARK, Ctx, View
from etl.definitions import Definition

PAGE = "analysis"
DEF_LEVEL = "definition"
FALSE_VALUES = {"0", "false", "nee", "no", "off"}


# -- state: the definition and the rate ------------------------------------------------------------
def definition_from_query(kwargs: dict) -> Definition:
    """``ell=0`` leaves out equivalent leefloon, ``art60=0`` does not count art. 60 as work."""
    def on(key: str) -> bool:
        value = kwargs.get(key)
        return not (isinstance(value, str) and value.strip().lower() in FALSE_VALUES)

    return Definition(include_ell=on("ell"), art60_is_work=on("art60"))


def definition_code(d: Definition) -> str:
    return f"ell={int(d.include_ell)},art60={int(d.art60_is_work)}"


def definition_of(ctx: Ctx) -> Definition:
    parts = dict(p.split("=", 1) for p in (ctx.code or "").split(",") if "=" in p)
    return definition_from_query(parts)


def make_ctx(st: ViewState, nis: str, d: Definition) -> Ctx:
    return Ctx(PAGE, st, nis=nis, level=DEF_LEVEL, code=definition_code(d))


def page_query(st: ViewState, d: Definition, **changes) -> str:
    """The page's query string: the shared state plus ``ell``/``art60`` when switched off."""
    q = st.query(**changes)
    extra = {}
    if not d.include_ell:
        extra["ell"] = "0"
    if not d.art60_is_work:
        extra["art60"] = "0"
    if not extra:
        return q
    return q + ("&" if len(q) > 1 else "") + urlencode(extra)


def rate_key(st: ViewState) -> str:
    """The page works on rates: the indicator, or the default rate for ``leefloners``."""
    return st.indicator if indicators.get(st.indicator).is_rate else indicators.DEFAULT


def definition_line(d: Definition, lang: str) -> str:
    return i18n.t("an_definition_line", lang, label=d.label(lang))


# -- text helpers ----------------------------------------------------------------------------------
def hidden_text(lang: str) -> str:
    return f"{i18n.t('suppressed', lang)}{HIDDEN_MARK}"


def _missing(v) -> bool:
    return fmt.is_missing(v)


def interval_text(lo, hi, percent: bool = True, decimals: int = 1) -> str:
    if _missing(lo) or _missing(hi):
        return ""
    if percent:
        lo_text = fmt.number(float(lo) * 100, decimals)
        return f"({lo_text}–{fmt.number(float(hi) * 100, decimals)})"
    return f"({fmt.number(lo, 2)}–{fmt.number(hi, 2)})"


def rate_ci(rate, lo, hi, hidden: bool, lang: str, mark: str = "") -> str:
    if hidden:
        return hidden_text(lang)
    if _missing(rate):
        return fmt.DASH
    text = f"{fmt.pct(rate)} {interval_text(lo, hi)}".strip()
    return f"{text} {mark}".strip() if mark else text


def mark_word(mark: str, p_value, lang: str) -> str:
    if _missing(p_value):
        return ""
    return i18n.t("an_sig_yes" if mark == "*" else "an_sig_no", lang)


def group_label(kind: str, name: str, lang: str) -> str:
    if kind in ("centre_cities", "peers", "flanders"):
        return i18n.level(kind, lang)
    return str(name)


def _with_definition(df: pd.DataFrame, ctx: Ctx, period: bool = True) -> pd.DataFrame:
    d = definition_of(ctx)
    front = {}
    if period:
        front = {"period_type": ctx.state.period_type, "period": ctx.state.period}
    front |= {"include_ell": d.include_ell, "art60_is_work": d.art60_is_work}
    out = df.copy()
    for i, (k, v) in enumerate(front.items()):
        if k in out.columns:
            out = out.drop(columns=[k])
        out.insert(i, k, v)
    return out


def _hidden(row, col: str) -> bool:
    return col in set(str(row.get(aq.SUPPRESSED, "") or "").split(","))


# -- 1. peers --------------------------------------------------------------------------------------
@register("an-peers")
def peers(ctx: Ctx) -> View:
    lang = ctx.lang
    df = aq.peers(ctx.nis)
    table = pd.DataFrame({
        i18n.t("an_rank", lang): [str(int(r)) for r in df["rank"]],
        i18n.t("name", lang): df["name"],
        i18n.t("an_peer_distance", lang): [fmt.number(v, 2) for v in df["distance"]],
    })
    csv = _with_definition(df[["rank", "nis_code", "name", "province_name", "distance"]], ctx,
                           period=False)
    return View(csv=csv, table=table, data=df)


def _rate_rows(ctx: Ctx, kinds: list[str] | None = None) -> pd.DataFrame:
    st = ctx.state
    rt = aq.rate_table(ctx.nis, st.period_type, st.period, definition_of(ctx))
    if kinds is not None:
        rt = rt[rt.series_kind.isin(kinds)]
    return rt.reset_index(drop=True)


def _interval_data(rt: pd.DataFrame, y_of, lang: str) -> pd.DataFrame:
    recs = []
    for _, r in rt.iterrows():
        hidden = _hidden(r, "rate")
        series = group_label(r.series_kind, r.area_name, lang)
        label = "" if hidden or _missing(r.rate) else f"{fmt.pct(r.rate)} {r.mark}".strip()
        word = mark_word(r.mark, r.p_value, lang) if r.series_kind != "municipality" else ""
        hover = (f"<b>{series}</b><br>{i18n.indicator(r.indicator, lang)}: "
                 f"{rate_ci(r.rate, r.lower, r.upper, hidden, lang)}"
                 + (f"<br>{word}" if word else ""))
        recs.append({"y": y_of(r), "series_kind": r.series_kind, "series": series,
                     "value": np.nan if hidden else r.rate, "lower": r.lower, "upper": r.upper,
                     "label": label, "hover": hover})
    return pd.DataFrame(recs, columns=["y", "series_kind", "series", "value", "lower", "upper",
                                       "label", "hover"])


RATE_CSV = ["series_kind", "area_level", "area_code", "area_name", "indicator", "numerator",
            "denominator", "rate", "lower", "upper", "nested", "p_value", "mark"]


@register("an-peer-compare")
def peer_compare(ctx: Ctx) -> View:
    """The municipality against its pooled peers on the headline indicators."""
    lang, st = ctx.lang, ctx.state
    rt = _rate_rows(ctx, ["municipality", "peers"])
    gi = aq.group_indicators(ctx.nis, st.period_type, st.period, definition_of(ctx))
    gi = gi[gi.series_kind.isin(["municipality", "peers"])]
    data = _interval_data(rt, lambda r: i18n.indicator(r.indicator, lang), lang)
    rows = []
    lf = {r.series_kind: r for _, r in gi.iterrows()}
    me, pe = lf.get("municipality"), lf.get("peers")

    def lf_text(r):
        if r is None or not bool(r.get("has_data")):
            return fmt.DASH
        return hidden_text(lang) if _hidden(r, "leefloners") else fmt.count(r["leefloners"])

    rows.append({"": i18n.indicator("leefloners", lang), "me": lf_text(me), "peers": lf_text(pe),
                 "diff": ""})
    for key in indicators.RATES:
        part = rt[rt.indicator == key]
        m = part[part.series_kind == "municipality"]
        p = part[part.series_kind == "peers"]
        if m.empty:
            continue
        m = m.iloc[0]
        p = p.iloc[0] if not p.empty else None
        diff = ""
        if p is not None and not (_hidden(m, "rate") or _hidden(p, "rate")) \
                and not _missing(m.rate) and not _missing(p.rate):
            diff = fmt.pp(fmt.pp_value(m.rate, p.rate), lang)
            if not _missing(p.p_value):
                diff += " *" if p.mark == "*" else f" ({i18n.t('an_sig_no_short', lang)})"
        rows.append({
            "": i18n.indicator(key, lang),
            "me": rate_ci(m.rate, m.lower, m.upper, _hidden(m, "rate"), lang),
            "peers": rate_ci(p.rate, p.lower, p.upper, _hidden(p, "rate"), lang)
            if p is not None else fmt.DASH,
            "diff": diff,
        })
        if bool(m.pending):
            rows[-1]["me"] = f"{fmt.DASH} ({i18n.t('an_not_known_short', lang)})"
        if p is not None and bool(p.pending):
            rows[-1]["peers"] = f"{fmt.DASH} ({i18n.t('an_not_known_short', lang)})"
    name = str(me["area_name"]) if me is not None else ctx.nis
    table = pd.DataFrame(rows).rename(columns={
        "me": name, "peers": i18n.level("peers", lang), "diff": i18n.t("kpi_diff", lang)})
    lf_csv = gi[["series_kind", "area_level", "area_code", "area_name", "leefloners"]].assign(
        indicator="leefloners")
    csv = pd.concat([lf_csv.rename(columns={"leefloners": "numerator"}), rt[RATE_CSV]],
                    ignore_index=True)[RATE_CSV]
    csv["numerator"] = csv["numerator"].astype("Int64")
    hidden = bool(rt[aq.SUPPRESSED].ne("").any() or gi[aq.SUPPRESSED].ne("").any())
    return View(csv=_with_definition(csv, ctx), table=table, data=data, hidden=hidden,
                extra={"name": name})


# -- 2. uncertainty --------------------------------------------------------------------------------
@register("an-uncertainty")
def uncertainty(ctx: Ctx) -> View:
    """Every rate with its Wilson interval, and the mark of each comparison."""
    lang = ctx.lang
    key = rate_key(ctx.state)
    rt = _rate_rows(ctx)
    data = _interval_data(rt[rt.indicator == key],
                          lambda r: group_label(r.series_kind, r.area_name, lang), lang)
    table = []
    for kind in aq.KINDS:
        part = rt[rt.series_kind == kind]
        if part.empty:
            continue
        first = part.iloc[0]
        rec = {i18n.t("an_group", lang): group_label(kind, first.area_name, lang)}
        for _, r in part.iterrows():
            text = rate_ci(r.rate, r.lower, r.upper, _hidden(r, "rate"), lang,
                           r.mark if kind != "municipality" else "")
            if kind != "municipality" and not _hidden(r, "rate") and not _missing(r.p_value) \
                    and r.mark != "*":
                text += f" ({i18n.t('an_sig_no_short', lang)})"
            if not bool(r.has_data):
                text = fmt.DASH
            elif bool(r.pending):
                text = f"{fmt.DASH} ({i18n.t('an_not_known_short', lang)})"
            rec[i18n.indicator(r.indicator, lang)] = text
        table.append(rec)
    hidden = bool(rt[aq.SUPPRESSED].ne("").any())
    return View(csv=_with_definition(rt[RATE_CSV], ctx), table=pd.DataFrame(table), data=data,
                hidden=hidden, extra={"key": key, "empty": empty_message(rt, key, lang)})


def empty_message(rt: pd.DataFrame, key: str, lang: str) -> str:
    """Why a chart of ``key`` is empty: the follow-up is not known yet, or no leefloners."""
    fl = rt[(rt.series_kind == "flanders") & (rt.indicator == key)]
    pending = not fl.empty and bool(fl.iloc[0].pending)
    return i18n.t("not_yet_known" if pending else "no_rows", lang)


# -- 3. funnel plot --------------------------------------------------------------------------------
ZONE_ORDER = ["above_998", "above_95", "inside", "below_95", "below_998"]


@register("an-funnel")
def funnel(ctx: Ctx) -> View:
    lang, st = ctx.lang, ctx.state
    key = rate_key(st)
    f = aq.funnel(ctx.nis, key, st.period_type, st.period, definition_of(ctx))
    pts = f.points.copy()
    den_label = i18n.t(f"an_den_{indicators.get(key).denominator}", lang)
    pts["hover"] = [
        f"<b>{r['name']}</b><br>{i18n.indicator(key, lang)}: {fmt.pct(r['rate'])}"
        f"<br>{den_label}: {fmt.count(r['denominator'])}"
        f"<br>{i18n.t('an_zone_' + r['zone'], lang) if r['zone'] else ''}"
        for _, r in pts.iterrows()]
    table = pd.DataFrame({
        i18n.t("name", lang): pts["name"],
        den_label: [fmt.count(v) for v in pts["denominator"]],
        i18n.indicator(key, lang): [fmt.pct(v) for v in pts["rate"]],
        i18n.t("an_zone", lang): [i18n.t("an_zone_" + z, lang) if z else "" for z in pts["zone"]],
    })
    if not pts.empty:
        order = pts["zone"].map({z: i for i, z in enumerate(ZONE_ORDER)}).fillna(9)
        idx = pd.DataFrame({"o": order, "r": -pts["rate"]}).sort_values(["o", "r"]).index
        table = table.loc[idx].reset_index(drop=True)
    csv = pts.drop(columns=["hover"]).assign(indicator=key, flemish_rate=f.p0)
    csv = csv[["indicator", "nis_code", "name", "numerator", "denominator", "rate",
               "flemish_rate", "lower_95", "upper_95", "lower_998", "upper_998", "zone",
               "selected"]]
    return View(csv=_with_definition(csv, ctx), table=table, data=pts,
                hidden=bool(f.left_out),
                extra={"limits": f.limits, "p0": f.p0, "left_out": f.left_out, "key": key,
                       "den_label": den_label,
                       "empty": empty_message(_rate_rows(ctx, ["flanders"]), key, lang)})


# -- 4. empirical Bayes ----------------------------------------------------------------------------
@register("an-eb")
def eb(ctx: Ctx) -> View:
    lang, st = ctx.lang, ctx.state
    key = rate_key(st)
    df = aq.eb_ranking(ctx.nis, key, st.period_type, st.period, definition_of(ctx))
    csv = df.drop(columns=["detail_hidden"], errors="ignore").assign(indicator=key)
    csv = csv[["indicator", "nis_code", "name", "denominator", "rate", "lower", "upper",
               "shrunk", "rank_raw", "rank_shrunk", "selected"]]
    hidden = bool(df[aq.SUPPRESSED].ne("").any()) if not df.empty else False
    return View(csv=_with_definition(csv, ctx), data=df, hidden=hidden,
                extra={"key": key, "alpha": df.attrs.get("alpha"), "beta": df.attrs.get("beta"),
                       "empty": empty_message(_rate_rows(ctx, ["flanders"]), key, ctx.lang),
                       "mu": df.attrs.get("mu"),
                       "detail_hidden": bool(df.get("detail_hidden", pd.Series(dtype=bool)).any())})


def grid_rows(df: pd.DataFrame, columns: list[str], query: str, lang: str) -> list[dict]:
    """Rows for an ag-grid: raw numbers (sortable), a markdown link, hidden-cell names."""
    out = []
    for _, r in df.iterrows():
        rec = {"nis_code": r["nis_code"], "name": r["name"],
               "link": f"[{r['name']}](/analyse/{r['nis_code']}{query})",
               "selected": bool(r["selected"]), "hidden": r[aq.SUPPRESSED]}
        for c in columns:
            v = r[c]
            rec[c] = None if _missing(v) else (int(v) if c.startswith("rank") or c in (
                "denominator", "base", "observed") else float(v))
        out.append(rec)
    return out


# -- 5. case mix -----------------------------------------------------------------------------------
CASEMIX_COLOURS = {6: theme.BLUE, 12: theme.VERMILLION}
CASEMIX_SYMBOLS = {6: "circle", 12: "diamond"}


@register("an-casemix")
def casemix(ctx: Ctx) -> View:
    lang, st = ctx.lang, ctx.state
    df = aq.casemix(ctx.nis, st.period_type, st.period, definition_of(ctx))
    recs, table = [], {}
    for _, r in df.iterrows():
        series = group_label(r.series_kind, r.area_name, lang)
        h = int(r.horizon_months)
        hid = _hidden(r, "oe")
        if hid:
            oe_text = hidden_text(lang)
        elif _missing(r.oe):
            oe_text = fmt.DASH
        else:
            oe_text = f"{fmt.number(r.oe, 2)} {interval_text(r.oe_lower, r.oe_upper, False)}"
        obs_text = hidden_text(lang) if _hidden(r, "observed") else fmt.count(r.observed)
        exp_text = fmt.number(r.expected, 1)
        if not _hidden(r, "base") and not _missing(r.base) and r.base == 0:
            # months of benefit, but none whose follow-up is known yet
            obs_text = exp_text = fmt.DASH
            oe_text = f"{fmt.DASH} ({i18n.t('an_not_known_short', lang)})"
        recs.append({"y": series, "series_kind": f"h{h}",
                     "series": i18n.t("an_work_within", lang, h=h),
                     "value": np.nan if hid else r.oe, "lower": r.oe_lower, "upper": r.oe_upper,
                     "label": "" if hid or _missing(r.oe) else fmt.number(r.oe, 2),
                     "hover": f"<b>{series}</b><br>{i18n.t('an_work_within', lang, h=h)}<br>"
                              f"{i18n.t('an_observed', lang)}: {obs_text}<br>"
                              f"{i18n.t('an_expected', lang)}: {exp_text}<br>O/E: {oe_text}",
                     "colour": CASEMIX_COLOURS[h], "symbol": CASEMIX_SYMBOLS[h]})
        table[(series, h)] = {i18n.t("an_group", lang): series,
                              i18n.t("within", lang): i18n.t("months_n", lang, n=h),
                              i18n.t("an_observed", lang): obs_text,
                              i18n.t("an_expected", lang): exp_text,
                              i18n.t("an_oe_ci", lang): oe_text}
    data = pd.DataFrame(recs, columns=["y", "series_kind", "series", "value", "lower", "upper",
                                       "label", "hover", "colour", "symbol"])
    csv = df.drop(columns=[aq.SUPPRESSED])
    hidden = bool(df[aq.SUPPRESSED].ne("").any()) if not df.empty else False
    rows = sorted(table.items(), key=lambda kv: kv[0][1])  # 6 months first, then 12
    return View(csv=_with_definition(csv, ctx), table=pd.DataFrame([r for _, r in rows]),
                data=data, hidden=hidden,
                extra={"empty": empty_message(_rate_rows(ctx, ["flanders"]), "work_6m_rate",
                                              lang)})


@register("an-casemix-rank")
def casemix_rank(ctx: Ctx) -> View:
    st = ctx.state
    df = aq.casemix_ranking(ctx.nis, st.horizon, st.period_type, st.period, definition_of(ctx))
    csv = df.drop(columns=["detail_hidden", aq.SUPPRESSED], errors="ignore").assign(
        horizon_months=st.horizon)
    csv = csv[["horizon_months", "nis_code", "name", "base", "observed", "expected", "rate",
               "oe", "oe_lower", "oe_upper", "rank_raw", "rank_oe", "selected"]]
    hidden = bool(df[aq.SUPPRESSED].ne("").any()) if not df.empty else False
    return View(csv=_with_definition(csv, ctx), data=df, hidden=hidden,
                extra={"detail_hidden": bool(df.get("detail_hidden", pd.Series(dtype=bool)).any()),
                       "empty": empty_message(_rate_rows(ctx, ["flanders"]),
                                              f"work_{st.horizon}m_rate", ctx.lang)})


# -- 6. time to work -------------------------------------------------------------------------------
def median_text(row, lang: str) -> str:
    if not bool(row["shown"]):
        return i18n.t("an_km_not_shown", lang)
    if bool(row["reached"]):
        n = int(row["median_months"])
        return i18n.t("an_month_1", lang) if n == 1 else i18n.t("months_n", lang, n=n)
    n = int(row["last_month"])
    return i18n.t("an_more_than_month_1", lang) if n == 1 else \
        i18n.t("an_more_than_months", lang, n=n)


@register("an-km")
def km(ctx: Ctx) -> View:
    lang = ctx.lang
    curves, med = aq.km_curves(ctx.nis, definition_of(ctx))
    curves = curves.copy()
    curves["series"] = [group_label(k, n, lang) for k, n in zip(curves.series_kind,
                                                                curves.area_name)]
    curves["hover"] = [
        f"<b>{s}</b> ({i18n.t('an_cohort', lang, year=y)})<br>"
        f"{i18n.t('an_after_months', lang, n=m)}: {fmt.pct(v)} {interval_text(lo, hi)}"
        for s, y, m, v, lo, hi in zip(curves.series, curves.cohort_year, curves.months,
                                      curves.share_in_work, curves.lower, curves.upper)]
    cohorts = sorted({int(y) for y in med["cohort_year"]}) if not med.empty else []
    table = {}
    groups = aq.groups(ctx.nis)
    for g in groups[groups.series_kind.isin(aq.KM_KINDS)].itertuples():
        # every group and cohort: a dash where a group has no spells that year
        part = med[(med.area_level == g.area_level) & (med.area_code == g.area_code)]
        series = group_label(g.series_kind, g.area_name, lang)
        row = {i18n.t("an_group", lang): series}
        row |= {i18n.t("an_cohort", lang, year=y): fmt.DASH for y in cohorts}
        for _, r in part.iterrows():
            row[i18n.t("an_cohort", lang, year=int(r.cohort_year))] = median_text(r, lang)
        table[series] = row
    meds = med.assign(median_text=[median_text(r, "en") for _, r in med.iterrows()])
    points = km_points_table(curves, lang)
    csv = curves.merge(meds[["area_level", "area_code", "cohort_year", "median_months",
                             "reached"]], on=["area_level", "area_code", "cohort_year"],
                       how="left")
    csv = csv[["series_kind", "area_level", "area_code", "area_name", "cohort_year", "months",
               "share_in_work", "lower", "upper", "median_months", "reached"]]
    return View(csv=_with_definition(csv, ctx, period=False),
                table=pd.DataFrame(list(table.values())), data=curves,
                hidden=bool((~med["shown"].astype(bool)).any()) if not med.empty else False,
                extra={"medians": med, "points": points})


KM_MONTHS = (3, 6, 12, 24)


def km_points_table(curves: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The curves' table alternative: the share in work (95% interval) after 3, 6, 12 and 24
    months per group and cohort; empty beyond the last month shown."""
    recs = []
    for (series, year), part in curves.groupby(["series", "cohort_year"], sort=False):
        rec = {i18n.t("an_group", lang): series,
               i18n.t("an_cohort_col", lang): str(int(year))}
        for m in KM_MONTHS:
            upto = part[part.months <= m]
            text = ""
            if not upto.empty and part.months.max() >= m:
                last = upto.iloc[-1]
                text = f"{fmt.pct(last.share_in_work)} {interval_text(last.lower, last.upper)}"
            rec[i18n.t("an_after_months", lang, n=m)] = text
        recs.append(rec)
    return pd.DataFrame(recs)


# -- 7. sustained work and relapse -----------------------------------------------------------------
@register("an-dynamics")
def dynamics(ctx: Ctx) -> View:
    lang, st = ctx.lang, ctx.state
    df = aq.dynamics(ctx.nis, st.period_type, st.period, definition_of(ctx))
    # a base of 0 means "not known yet" only when Flanders has no base either
    fl = df[df.series_kind == "flanders"]
    unknown = {m for m, den in zip(fl.measure, fl.denominator) if _missing(den) or den == 0}
    recs, table = [], {}
    for _, r in df.iterrows():
        series = group_label(r.series_kind, r.area_name, lang)
        hidden = _hidden(r, "rate")
        measure = i18n.t(f"an_{r.measure}", lang)
        word = mark_word(r.mark, r.p_value, lang) if r.series_kind != "municipality" else ""
        not_known = not hidden and _missing(r.rate) and r.measure in unknown
        text = (f"{fmt.DASH} ({i18n.t('not_yet_known', lang)})" if not_known else
                rate_ci(r.rate, r.lower, r.upper, hidden, lang,
                        r.mark if r.series_kind != "municipality" else ""))
        recs.append({"y": measure, "series_kind": r.series_kind, "series": series,
                     "value": np.nan if hidden else r.rate, "lower": r.lower, "upper": r.upper,
                     "label": "" if hidden or _missing(r.rate)
                     else f"{fmt.pct(r.rate, 0)} {r.mark}".strip(),
                     "hover": f"<b>{series}</b><br>{measure}: {text}"
                              + (f"<br>{word}" if word else "")})
        row = table.setdefault(series, {i18n.t("an_group", lang): series})
        row[measure] = text
    data = pd.DataFrame(recs, columns=["y", "series_kind", "series", "value", "lower", "upper",
                                       "label", "hover"])
    csv = df.drop(columns=[aq.SUPPRESSED])
    return View(csv=_with_definition(csv, ctx), table=pd.DataFrame(list(table.values())),
                data=data, hidden=bool(df[aq.SUPPRESSED].ne("").any()))


# -- 8. interregional mobility ---------------------------------------------------------------------
@register("an-mobility")
def mobility(ctx: Ctx) -> View:
    lang, st = ctx.lang, ctx.state
    df = aq.mobility(ctx.nis, st.horizon, st.period_type, st.period, definition_of(ctx))
    recs, table = [], {}
    for _, r in df.iterrows():
        series = group_label(r.series_kind, r.area_name, lang)
        cat = i18n.category(r.category, lang)
        hid = _hidden(r, "share")
        text = hidden_text(lang) if hid else (
            fmt.DASH if _missing(r.share) else f"{fmt.pct(r.share)} ({fmt.count(r.n)})")
        recs.append({"series": series, "category": r.category,
                     "share": np.nan if hid else r.share,
                     # a label only where the bar is wide enough to hold it
                     "text": "" if hid or _missing(r.share) or r.share < 0.06
                     else fmt.pct(r.share, 0),
                     "hover": f"<b>{series}</b><br>{cat}: {text}"})
        row = table.setdefault(series, {i18n.t("an_group", lang): series})
        row[cat] = text
    data = pd.DataFrame(recs, columns=["series", "category", "share", "text", "hover"])
    csv = df.drop(columns=[aq.SUPPRESSED])
    return View(csv=_with_definition(csv, ctx), table=pd.DataFrame(list(table.values())),
                data=data, hidden=bool(df[aq.SUPPRESSED].ne("").any()) if not df.empty else False)


@register("an-mobility-map")
def mobility_map(ctx: Ctx) -> View:
    lang, st = ctx.lang, ctx.state
    df = aq.mobility_map(ctx.nis, st.horizon, st.period_type, st.period, definition_of(ctx))
    label = i18n.t("an_share_outside", lang)
    texts = []
    for _, r in df.iterrows():
        if _hidden(r, "share_outside"):
            texts.append(f"{label}: {hidden_text(lang)}")
        elif _missing(r.share_outside):
            texts.append(f"{label}: {fmt.DASH}")
        else:
            texts.append(f"{label}: {fmt.pct(r.share_outside)} ({fmt.count(r.n_outside)} / "
                         f"{fmt.count(r.n_total)})")
    data = pd.DataFrame({"nis_code": df["nis_code"], "name": df["name"],
                         "value": df["share_outside"].astype("Float64"), "text": texts})
    table = pd.DataFrame({i18n.t("name", lang): df["name"],
                          label: [t.split(": ", 1)[1] for t in texts]})
    csv = df.drop(columns=[aq.SUPPRESSED, "detail_hidden"]).assign(horizon_months=st.horizon)
    csv = csv[["horizon_months", "nis_code", "name", "n_total", "n_outside", "share_outside",
               "selected"]]
    return View(csv=_with_definition(csv, ctx), table=table, data=data,
                hidden=bool(df[aq.SUPPRESSED].ne("").any()) if not df.empty else False,
                extra={"detail_hidden": bool(df["detail_hidden"].any()) if not df.empty
                       else False})


# -- 9. Lokaal Activeringspact ---------------------------------------------------------------------
@register("an-pact")
def pact(ctx: Ctx) -> View:
    lang = ctx.lang
    df = aq.pact(ctx.nis, definition_of(ctx))
    figs, tables = [], []
    for _, r in df.iterrows():
        period = fmt.period_label(r.period, lang)

        def val(col, decimals=0):
            if _hidden(r, col):
                return hidden_text(lang)
            return fmt.number(r[col], decimals) if not _missing(r[col]) else fmt.DASH

        proj_text = val("projected")
        if not _hidden(r, "projected") and not _missing(r.projected_lower):
            proj_text += f" ({fmt.count(r.projected_lower)}–{fmt.count(r.projected_upper)})"
        rows = [
            ("baseline", i18n.t("an_pact_baseline", lang), r.baseline, None, None, val("baseline")),
            ("committed", i18n.t("an_pact_committed", lang), r.committed, None, None,
             fmt.count(r.committed)),
            ("realised", i18n.t("an_pact_realised", lang, n=int(r.months_elapsed),
                                total=int(r.months_total)),
             np.nan if _hidden(r, "realised") else r.realised, None, None, val("realised")),
            ("projected", i18n.t("an_pact_projected", lang, period=period),
             np.nan if _hidden(r, "projected") else r.projected,
             r.projected_lower, r.projected_upper, proj_text),
        ]
        figs.append(pd.DataFrame([{"key": k, "label": lab, "value": v, "lower": lo, "upper": hi,
                                   "text": t, "hover": f"{lab}: {t}"}
                                  for k, lab, v, lo, hi, t in rows]))
        status = i18n.t(f"an_pact_status_{r.status}", lang) if r.status else hidden_text(lang)
        tables.append(pd.DataFrame([
            {"": lab, period: t} for _, lab, _, _, _, t in rows
        ] + [{"": i18n.t("an_pact_extra", lang), period: val("extra_needed")},
             {"": i18n.t("an_pact_status", lang), period: status}]))
    csv = _with_definition(df.drop(columns=[aq.SUPPRESSED]), ctx, period=False)
    return View(csv=csv, table=tables[0] if tables else pd.DataFrame(),
                data=figs[0] if figs else pd.DataFrame(),
                hidden=bool(df[aq.SUPPRESSED].ne("").any()),
                extra={"rows": df, "figures": figs, "tables": tables})
