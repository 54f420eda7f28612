"""The analysis page (/analyse/<nis>, "Eerlijk vergelijken"): its query functions return
what the marts hold (with the statistics of etl.stats on the mart rows), its figures have
the expected traces, the definition switches change the numbers as defined, nothing
between 1 and k-1 is shown or downloaded, and the page renders over HTTP behind login."""

from __future__ import annotations

import base64
import io
import json
import re
import sys

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import analysis_queries as aq
from dashboard import db, queries
from dashboard import views as dashboard_views
from dashboard.auth.scope import AccessDenied, Principal
from dashboard.figures import analysis as figs
from dashboard.state import from_query
from dashboard.views import analysis as views
from etl import disclosure, stats
from etl.csvout import to_csv_bytes
from etl.definitions import Definition

SUPPORT = sys.modules["leefloon_test_support"]
STANDARD, NARROW = Definition(True, True), Definition(False, False)
COUNT_LIKE = {"numerator", "denominator", "n", "total", "observed", "base", "n_total",
              "n_outside", "realised", "leefloners_reference", *disclosure.COUNT_COLUMNS}
VIEWS = ["an-peers", "an-peer-compare", "an-uncertainty", "an-funnel", "an-eb", "an-casemix",
         "an-casemix-rank", "an-km", "an-dynamics", "an-mobility", "an-mobility-map", "an-pact"]


def _mart(sql: str, params: list | None = None) -> pd.DataFrame:
    """Read a mart directly (the tests' check on the query functions)."""
    with db.warehouse().using() as (_, cur):
        return cur.execute(sql, params or []).df()


def _small(values) -> bool:
    k = disclosure.suppression_k()
    v = pd.to_numeric(pd.Series(values), errors="coerce").dropna()
    return bool(((v >= 1) & (v < k)).any())


@pytest.fixture(scope="module")
def an(warehouse_env, sample, tmp_path_factory):
    """The sample municipality and period, and a commitments file for it."""
    pact = tmp_path_factory.mktemp("pact") / "pact.csv"
    pact.write_text(f"nis_code,period,committed\n{sample['nis']},2025,40\n"
                    "44021,not-a-period,3\n", encoding="utf-8")
    mp = pytest.MonkeyPatch()
    mp.setenv(aq.PACT_ENV, str(pact))
    yield {**sample, "pact": pact}
    mp.undo()


def _ctx(an, d=STANDARD, **query):
    st = from_query({"period": an["period"], **query}, queries.periods())
    return views.make_ctx(st, an["nis"], d)


# -- the query functions return what the marts hold -------------------------------------------
def test_rates_intervals_and_marks_come_from_the_marts(an):
    nis, period = an["nis"], an["period"]
    rt = aq.rate_table(nis, "quarter", period, STANDARD)
    mart = _mart("select * from mart_indicators__area_period_by_definition where include_ell "
                 "and art60_is_work and period_type = 'quarter' and period = ?", [period])
    member = set(map(tuple, _mart("select area_level, area_code from bridge_area_municipality "
                                  "where nis_code = ?", [nis]).to_numpy()))
    me = mart[(mart.area_level == "municipality") & (mart.area_code == nis)].iloc[0]
    assert set(rt.series_kind) >= {"municipality", "region", "province", "flanders"}
    checked = 0
    for r in rt.itertuples():
        m = mart[(mart.area_level == r.area_level) & (mart.area_code == r.area_code)].iloc[0]
        num, den = {"registration_rate": ("n_registered", "person_months"),
                    "guidance_rate": ("n_guidance", "person_months"),
                    "work_6m_rate": ("work_6m_n", "work_6m_base"),
                    "work_12m_rate": ("work_12m_n", "work_12m_base")}[r.indicator]
        if r.series_kind != "municipality":
            assert r.nested == ((r.area_level, r.area_code) in member)
        if "rate" in r.suppressed:
            assert pd.isna(r.rate) and pd.isna(r.lower)
            continue
        assert r.rate == pytest.approx(m[r.indicator])
        lo, hi = stats.wilson_interval(m[num], m[den])
        assert (r.lower, r.upper) == pytest.approx((lo, hi))
        if r.series_kind != "municipality" and not pd.isna(r.p_value):
            p = stats.compare_proportions(me[num], me[den], m[num], m[den], nested=r.nested)
            assert r.p_value == pytest.approx(p)
            assert r.mark == ("*" if p < 0.05 else "")
            checked += 1
    assert checked >= 8
    # the province, region and Flanders contain the municipality: compared with the rest
    assert rt[rt.series_kind.isin(["province", "region", "flanders"])].nested.all()
    assert not rt[rt.series_kind == "peers"].nested.any()


def test_peers_are_peer_distance(an):
    df = aq.peers(an["nis"])
    mart = _mart("select rank, peer_nis, distance from peer_distance where nis_code = ? "
                 "order by rank", [an["nis"]])
    assert list(df.nis_code) == list(mart.peer_nis) and list(df["rank"]) == list(mart["rank"])
    assert df.distance.to_numpy() == pytest.approx(mart.distance.to_numpy())
    pooled = aq.group_indicators(an["nis"], "quarter", an["period"], STANDARD)
    assert pooled[pooled.series_kind == "peers"].area_code.iloc[0] == f"PEERS:{an['nis']}"


def test_casemix_oe_is_observed_over_expected(an):
    nis = an["nis"]
    df = aq.casemix(nis, "quarter", an["period"], STANDARD)
    mart = _mart("select * from mart_casemix__area_period_by_definition where include_ell and "
                 "art60_is_work and period_type = 'quarter' and period = ?", [an["period"]])
    assert len(df) == 2 * df.series_kind.nunique()
    for r in df[df.suppressed == ""].itertuples():
        m = mart[(mart.area_level == r.area_level) & (mart.area_code == r.area_code)].iloc[0]
        obs, exp = m[f"work_{r.horizon_months}m_n"], m[f"work_{r.horizon_months}m_expected"]
        assert r.observed == obs and r.expected == pytest.approx(exp)
        assert r.oe == pytest.approx(obs / exp)
        assert (r.oe_lower, r.oe_upper) == pytest.approx(stats.oe_ratio_interval(obs, exp)[1:])
    rank = aq.casemix_ranking(nis, 6, "quarter", an["period"], STANDARD)
    shown = rank[rank.oe.notna()].sort_values("rank_oe")
    assert shown.oe.is_monotonic_decreasing and shown.rank_oe.iloc[0] == 1
    assert (rank.selected.sum(), rank[rank.selected].nis_code.iloc[0]) == (1, nis)


def test_km_curves_are_kaplan_meier_on_the_mart_rows(an):
    curves, med = aq.km_curves(an["nis"], STANDARD)
    k = disclosure.suppression_k()
    assert not set(curves.columns) & {"at_risk", "events", "censored", "n_events", "n_censored"}
    rows = _mart("select * from mart_time_to_work__area_cohort_by_definition where include_ell "
                 "and art60_is_work and area_level = 'flanders'")
    year = int(rows.groupby("cohort_year").apply(
        lambda g: (g.n_events + g.n_censored).sum(), include_groups=False).idxmax())
    part = rows[rows.cohort_year == year]
    km = stats.kaplan_meier(part.months, part.n_events, part.n_censored)
    km = km[km.at_risk >= k]
    mine = curves[(curves.series_kind == "flanders") & (curves.cohort_year == year)]
    mine = mine[mine.months.isin(km.time)]
    assert len(mine) == len(km)
    assert mine.share_in_work.to_numpy() == pytest.approx(1 - km.survival.to_numpy())
    assert mine.upper.to_numpy() == pytest.approx(1 - km.lower.to_numpy())
    m = med[(med.series_kind == "flanders") & (med.cohort_year == year)].iloc[0]
    assert (np.isnan(m.median_months) and np.isnan(stats.median_time(km))) or \
        m.median_months == stats.median_time(km)
    # a curve is shown only when its cohort has at least k spells
    all_rows = _mart("select area_level, area_code, cohort_year, sum(n_events + n_censored) n "
                     "from mart_time_to_work__area_cohort_by_definition where include_ell and "
                     "art60_is_work group by all")
    for r in med.itertuples():
        n = all_rows[(all_rows.area_level == r.area_level) & (all_rows.area_code == r.area_code)
                     & (all_rows.cohort_year == r.cohort_year)].n.iloc[0]
        if n < k:
            assert not r.shown and r.suppressed == "curve"
            assert curves[(curves.area_code == r.area_code)
                          & (curves.cohort_year == r.cohort_year)].empty


def test_km_hides_small_cohorts():
    # a municipality with a cohort of fewer than k spells: find one in the marts
    k = disclosure.suppression_k()
    small = _mart("select area_code, cohort_year, sum(n_events + n_censored) n from "
                  "mart_time_to_work__area_cohort_by_definition where include_ell and "
                  "art60_is_work and area_level = 'municipality' group by all having n < ?",
                  [k])
    nis, year = small.iloc[0].area_code, int(small.iloc[0].cohort_year)
    curves, med = aq.km_curves(nis, STANDARD)
    row = med[(med.series_kind == "municipality") & (med.cohort_year == year)].iloc[0]
    assert not row.shown
    assert curves[(curves.series_kind == "municipality") & (curves.cohort_year == year)].empty


def test_funnel_has_limits_around_the_flemish_rate(an):
    f = aq.funnel(an["nis"], "work_6m_rate", "quarter", an["period"], STANDARD)
    fl = _mart("select work_6m_rate from mart_indicators__area_period_by_definition where "
               "include_ell and art60_is_work and area_level = 'flanders' and period = ?",
               [an["period"]]).iloc[0, 0]
    assert f.p0 == pytest.approx(fl)
    expect = stats.funnel_limits(f.p0, f.limits.n.to_numpy())
    assert f.limits.upper_998.to_numpy() == pytest.approx(expect.upper_998.to_numpy())
    assert (f.limits.upper_998 >= f.limits.upper_95).all()
    assert f.points.selected.sum() == 1
    assert f.points[f.points.selected].nis_code.iloc[0] == an["nis"]
    assert not _small(f.points.numerator) and not _small(f.points.denominator)
    mart = _mart("select area_code, m.name_nl, work_6m_n, work_6m_base from "
                 "mart_indicators__area_period_by_definition i join dim_municipality m on "
                 "m.nis_code = i.area_code where include_ell and art60_is_work and "
                 "area_level = 'municipality' and period = ? and work_6m_base > 0", [an["period"]])
    k = disclosure.suppression_k()
    hidden = mart[mart.work_6m_n.between(1, k - 1) | mart.work_6m_base.between(1, k - 1)]
    assert sorted(f.left_out) == sorted(hidden.name_nl)
    assert len(f.points) + len(f.left_out) == len(mart)


def test_empirical_bayes_ranking(an):
    df = aq.eb_ranking(an["nis"], "work_6m_rate", "quarter", an["period"], STANDARD)
    mart = _mart("select area_code, work_6m_n k, work_6m_base n from "
                 "mart_indicators__area_period_by_definition where include_ell and art60_is_work "
                 "and area_level = 'municipality' and period = ? and work_6m_base > 0",
                 [an["period"]])
    prior = stats.eb_prior(mart.k, mart.n)
    assert (df.attrs["alpha"], df.attrs["beta"]) == pytest.approx(prior)
    shrunk = dict(zip(mart.area_code, stats.eb_shrink(mart.k, mart.n, prior=prior)))
    shown = df[df.shrunk.notna()]
    assert shown.shrunk.to_numpy() == pytest.approx([shrunk[c] for c in shown.nis_code])
    assert (shown.sort_values("rank_shrunk").shrunk.diff().dropna() <= 1e-12).all()
    hidden = df[df.rate.isna()]
    assert hidden.rank_raw.isna().all() and hidden.rank_shrunk.isna().all()
    assert len(df) == len(mart)


def test_dynamics_mobility_and_pact(an):
    nis, period = an["nis"], an["period"]
    dyn = aq.dynamics(nis, "quarter", period, STANDARD)
    mart = _mart("select * from mart_dynamics__area_period_by_definition where include_ell and "
                 "art60_is_work and area_level = 'municipality' and area_code = ? and period = ?",
                 [nis, period]).iloc[0]
    sus = dyn[(dyn.series_kind == "municipality") & (dyn.measure == "sustained_rate")].iloc[0]
    if "rate" not in sus.suppressed:
        assert sus.rate == pytest.approx(mart.sustained_n / mart.sustained_base)
    mob = aq.mobility(nis, 12, "quarter", period, STANDARD)
    assert set(mob.category) == set(aq.REGIONS)
    for _, g in mob.groupby("area_code"):
        if g.suppressed.eq("").all() and g.total.iloc[0] > 0:
            assert g.share.sum() == pytest.approx(1.0)
    mp = aq.mobility_map(nis, 12, "quarter", period, STANDARD)
    assert len(mp) == 285 and mp.selected.sum() == 1

    assert list(aq.pact_commitments().period) == ["2025"]  # the bad line is skipped
    p = aq.pact(nis, STANDARD).iloc[0]
    meta = queries.meta()
    assert p.reference_year == "2024" and p.months_total == 12
    from etl.periods import month_idx
    known_last = min(month_idx(meta["last_month"]) - 1, month_idx(meta["last_work_month"]) - 3)
    assert p.months_elapsed == known_last - month_idx("2025-01") + 1
    months = [f"2025-{m:02d}" for m in range(1, p.months_elapsed + 1)]
    realised = _mart("select coalesce(sum(exits_to_work), 0) from "
                     "mart_dynamics__area_period_by_definition where include_ell and "
                     "art60_is_work and area_level = 'municipality' and area_code = ? and "
                     "period_type = 'month' and period in (select unnest(?))",
                     [nis, months]).iloc[0, 0]
    fl = _mart("select d.exits_to_work, i.leefloners from "
               "mart_dynamics__area_period_by_definition d "
               "join mart_indicators__area_period_by_definition i using (include_ell, "
               "art60_is_work, area_level, area_code, period_type, period) where d.include_ell "
               "and d.art60_is_work and d.area_level = 'flanders' and d.period = '2024'").iloc[0]
    lf = _mart("select leefloners from mart_indicators__area_period_by_definition where "
               "include_ell and art60_is_work and area_code = ? and period = '2024'",
               [nis]).iloc[0, 0]
    assert p.flemish_rate == pytest.approx(fl.exits_to_work / fl.leefloners)
    assert p.baseline == pytest.approx(fl.exits_to_work / fl.leefloners * lf)
    if "realised" in p.suppressed:
        assert _small([realised]) and pd.isna(p.projected) and pd.isna(p.extra_needed)
    else:
        assert p.realised == realised
        proj = stats.project_total(realised, p.months_elapsed, 12, kind="prediction")
        assert (p.projected, p.projected_lower, p.projected_upper) == pytest.approx(proj)
        assert p.extra_needed == max(40 - realised, 0)


def test_definition_switches_change_the_numbers_as_defined(an):
    nis, period = an["nis"], an["period"]
    std = aq.group_indicators(nis, "quarter", period, STANDARD).set_index("series_kind")
    no_ell = aq.group_indicators(nis, "quarter", period, Definition(False, True)).set_index(
        "series_kind")
    no_art60 = aq.group_indicators(nis, "quarter", period, Definition(True, False)).set_index(
        "series_kind")
    for kind in ("municipality", "flanders"):
        assert no_ell.loc[kind, "leefloners"] <= std.loc[kind, "leefloners"]
        assert no_art60.loc[kind, "leefloners"] == std.loc[kind, "leefloners"]
        assert no_art60.loc[kind, "work_12m_n"] <= std.loc[kind, "work_12m_n"]
    fl_std = aq.flemish_rate(nis, "work_6m_rate", "quarter", period, STANDARD)
    fl_no60 = aq.flemish_rate(nis, "work_6m_rate", "quarter", period, Definition(True, False))
    assert fl_no60 < fl_std  # art. 60 no longer counts as work
    # every download records the definition it shows
    for d in (STANDARD, NARROW):
        ctx = _ctx(an, d)
        for name in ("an-uncertainty", "an-km", "an-pact"):
            csv = dashboard_views.get(name)(ctx).csv
            assert set(csv.include_ell) <= {d.include_ell}
            assert set(csv.art60_is_work) <= {d.art60_is_work}
        assert views.definition_line(d, "nl") == f"Definitie: {d.label('nl')}."


def test_state_roundtrip(an):
    d = views.definition_from_query({"ell": "0"})
    assert d == Definition(False, True)
    ctx = _ctx(an, d, indicator="leefloners")
    assert views.definition_of(ctx) == d and views.rate_key(ctx.state) == "registration_rate"
    q = views.page_query(ctx.state, d)
    assert q.endswith("&ell=0") and "art60" not in q
    assert views.page_query(ctx.state, STANDARD).count("ell") == 0


def test_every_view_is_suppressed_and_downloadable(an):
    k = disclosure.suppression_k()
    small = _mart("select area_code from mart_indicators__area_period_by_definition where "
                  "include_ell and art60_is_work and area_level = 'municipality' and period = ? "
                  "and person_months between ? and 40 order by person_months desc limit 1",
                  [an["period"], k])
    for nis in {an["nis"], small.iloc[0, 0]}:
        for d in (STANDARD, NARROW):
            st = from_query({"period": an["period"], "indicator": "work_6m_rate"},
                            queries.periods())
            ctx = views.make_ctx(st, nis, d)
            for name in VIEWS:
                v = dashboard_views.get(name)(ctx)
                for col in set(v.csv.columns) & COUNT_LIKE:
                    assert not _small(v.csv[col]), (nis, name, col)
                assert {"include_ell", "art60_is_work"} <= set(v.csv.columns), name
                data = to_csv_bytes(v.csv, excel=True)
                assert data.startswith("\ufeff".encode())


def test_a_follow_up_not_known_yet_gives_empty_sections_not_errors(an):
    """The latest period: work within 12 months is not known for anybody yet."""
    periods = queries.periods()
    last = periods[periods.period_type == "year"].iloc[-1]["period"]
    st = from_query({"period": last, "indicator": "work_12m_rate", "horizon": "12"}, periods)
    ctx = views.make_ctx(st, an["nis"], STANDARD)
    assert aq.funnel(an["nis"], "work_12m_rate", "year", last, STANDARD).points.empty
    for name in VIEWS:
        v = dashboard_views.get(name)(ctx)
        assert {"include_ell", "art60_is_work"} <= set(v.csv.columns), name


def test_other_municipalities_analytics_need_their_detail(an, monkeypatch):
    """An OCMW user sees its own analytics; of the others only headline rates, and the page
    of another municipality not at all."""
    user = Principal("ocmw-user", "ocmw", (an["nis"],))
    monkeypatch.setattr(queries, "current_principal", lambda: user)
    eb = aq.eb_ranking(an["nis"], "work_6m_rate", "quarter", an["period"], STANDARD)
    others = eb[~eb.selected]
    assert others.shrunk.isna().all() and others.rate.notna().any()
    assert eb[eb.selected].shrunk.notna().all() or eb[eb.selected].rate.isna().all()
    other = next(c for c in eb.nis_code if c != an["nis"])
    with pytest.raises(AccessDenied):
        aq.rate_table(other, "quarter", an["period"], STANDARD)
    with pytest.raises(AccessDenied):
        aq.eb_ranking(other, "work_6m_rate", "quarter", an["period"], STANDARD)


# -- figures -----------------------------------------------------------------------------------
def test_figure_builders_are_pure():
    src = open(figs.__file__).read()
    assert "import dash" not in src and "from dash " not in src and "duckdb" not in src
    assert "dashboard.queries" not in src and "dashboard.db" not in src


def test_funnel_figure_has_limits_and_highlights_the_municipality():
    limits = stats.funnel_limits(0.2, stats.funnel_grid(1000, n_min=5))
    pts = pd.DataFrame({"name": ["A", "B", "Gent"], "denominator": [10, 100, 900],
                        "rate": [0.5, 0.1, 0.21], "selected": [False, False, True],
                        "hover": ["a", "b", "g"]})
    names = {"points": "Gemeenten", "limit_95": "95 %", "limit_998": "99,8 %",
             "target": "Vlaanderen", "selected": "Gent"}
    fig = figs.funnel_plot_figure(pts, limits, 0.2, names=names)
    by_name = {}
    for t in fig.data:
        by_name.setdefault(t.name, []).append(t)
    assert len(by_name["95 %"]) == 2 and len(by_name["99,8 %"]) == 2  # upper and lower
    assert by_name["Vlaanderen"][0].y == (20.0, 20.0)
    sel = by_name["Gent"][0]
    assert sel.x == (900.0,) and sel.y == (21.0,) and sel.marker.symbol == "diamond"
    assert sel.marker.color == figs.SELECTED_COLOUR
    assert by_name["Gemeenten"][0].x == (10.0, 100.0)
    assert fig.layout.xaxis.type == "log"
    upper = by_name["99,8 %"][0].y
    assert upper[0] > upper[-1] > 20  # the funnel narrows toward the Flemish rate


def test_interval_km_mobility_and_pact_figures():
    df = pd.DataFrame({"y": ["Gent", "Vlaanderen"], "series_kind": ["municipality", "flanders"],
                       "series": ["Gent", "Vlaanderen"], "value": [0.3, 0.25],
                       "lower": [0.2, 0.24], "upper": [0.4, 0.26], "label": ["30 %", "25 % *"],
                       "hover": ["h", "h"]})
    fig = figs.interval_figure(df)
    assert [t.name for t in fig.data] == ["Gent", "Vlaanderen"]
    assert fig.data[0].error_x.array == (10.0,) and fig.data[0].text == ("30 %",)
    curves = pd.DataFrame({"series_kind": ["municipality"] * 3, "series": ["Gent"] * 3,
                           "cohort_year": [2024] * 3, "months": [0, 3, 6],
                           "share_in_work": [0.0, 0.2, 0.4], "lower": [0, 0.1, 0.3],
                           "upper": [0, 0.3, 0.5], "hover": ["", "", ""]})
    fig = figs.km_figure(curves, cohort_titles={2024: "gestart in 2024"})
    line = [t for t in fig.data if t.name == "Gent"][0]
    assert line.y == (0.0, 20.0, 40.0) and line.line.shape == "hv"
    assert fig.layout.annotations[0].text == "gestart in 2024"
    assert go.Figure(figs.km_figure(curves.iloc[0:0], cohort_titles={}, empty_message="geen")).layout \
        .annotations[0].text == "geen"
    mob = pd.DataFrame({"series": ["Gent", "Gent"], "category": ["VLG", "BRU"],
                        "share": [0.9, 0.1], "text": ["90 %", "10 %"], "hover": ["", ""]})
    fig = figs.mobility_figure(mob, category_labels={"VLG": "Vlaanderen", "BRU": "Brussel"})
    assert [t.name for t in fig.data] == ["Vlaanderen", "Brussel"] and fig.layout.barmode == "stack"
    pact = pd.DataFrame({"key": ["baseline", "committed", "realised", "projected"],
                         "label": ["b", "c", "r", "p"], "value": [100, 120, 50, np.nan],
                         "lower": [None, None, None, None], "upper": [None, None, None, None],
                         "text": ["100", "120", "50", "verborgen*"], "hover": [""] * 4})
    fig = figs.pact_figure(pact)
    assert [t.y[0] for t in fig.data] == ["b", "c", "r"]  # the hidden projection is left out


# -- over HTTP, behind login ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def analist(server):
    s = server.session("analist")
    yield s
    s.close()


def _tree(session, server, path, search=""):
    return SUPPORT.render(session, server.url, path, search)


def _counts_in(tree) -> list[int]:
    """Every number on the page that is a count: whole cells of digits in the tables (rank
    columns excepted), counts in brackets, and the count fields of the grids' rows."""
    out = []
    for table in SUPPORT.find(tree, lambda c: c.get("type") == "Table"):
        cols = SUPPORT.find(table, lambda c: c.get("type") == "Th"
                            and c["props"].get("scope") == "col")
        head = [" ".join(SUPPORT.texts(th)) for th in cols]
        for row in SUPPORT.find(table, lambda c: c.get("type") == "Tr"):
            cells = SUPPORT.find(row, lambda c: c.get("type") in ("Td", "Th")
                                 and c["props"].get("scope") != "col")
            for i, cell in enumerate(cells):
                text = " ".join(SUPPORT.texts(cell)).strip()
                if i < len(head) and head[i] in ("Rang", "Rank"):
                    continue
                if re.fullmatch(r"\d{1,3}(\.\d{3})*", text):
                    out.append(int(text.replace(".", "")))
                out += [int(m.replace(".", ""))
                        for m in re.findall(r"\((\d{1,3}(?:\.\d{3})*)\)", text)]
    for grid in SUPPORT.find(tree, lambda c: c.get("type") == "AgGrid"):
        for row in grid["props"].get("rowData") or []:
            out += [row[c] for c in ("denominator", "base", "observed") if row.get(c) is not None]
    return out


def test_page_renders_over_http(server, analist, an):
    r = analist.get(server.url + f"/analyse/{an['nis']}")
    assert r.status_code == 200
    assert analist.get(server.url + "/analyse/99999").status_code == 404
    tree = _tree(analist, server, f"/analyse/{an['nis']}", f"?period={an['period']}")
    text = " ".join(SUPPORT.texts(tree))
    for want in ("Eerlijk vergelijken", "Vergelijkbare gemeenten", "Hoe zeker zijn de cijfers?",
                 "Trechterdiagram", "Rangschikking met bijgestuurde percentages",
                 "rekening houdend met de doelgroep", "Hoe snel naar werk?",
                 "Duurzaam werk en terugval", "Werk buiten Vlaanderen", "Lokaal Activeringspact",
                 "* = verschil is statistisch significant (p < 0,05)", "niet significant",
                 "Definitie: leefloon en equivalent leefloon; art. 60-werk telt als werk."):
        assert want in text, want
    graphs = SUPPORT.find(tree, lambda c: c.get("type") == "Graph")
    assert len(graphs) >= 9
    grids = SUPPORT.find(tree, lambda c: c.get("type") == "AgGrid")
    assert {g["props"]["id"] for g in grids} == {"an-eb-grid", "an-oe-grid"}
    assert sum(r["selected"] for r in grids[0]["props"]["rowData"]) == 1
    store = SUPPORT.find(tree, lambda c: c["props"].get("id") == "app-page-state")[0]
    assert store["props"]["data"]["code"] == "ell=1,art60=1"

    narrow = _tree(analist, server, f"/analyse/{an['nis']}",
                   f"?period={an['period']}&ell=0&art60=0&lang=en")
    text = " ".join(SUPPORT.texts(narrow))
    assert "Definition: leefloon only (no equivalent leefloon); art. 60 work does not count as " \
           "work." in text and "Fair comparison" in text
    switches = {c["props"]["id"]["key"]: c["props"]["value"]
                for c in SUPPORT.find(narrow, lambda c: isinstance(c["props"].get("id"), dict)
                                      and c["props"]["id"].get("type") == "analysis-filter"
                                      and c.get("type") == "Switch")}
    assert switches == {"ell": False, "art60": False}


def test_no_small_count_on_the_page(server, analist, an):
    k = disclosure.suppression_k()
    small = _mart("select area_code from mart_indicators__area_period_by_definition where "
                  "include_ell and art60_is_work and area_level = 'municipality' and period = ? "
                  "and person_months >= ? order by person_months limit 1", [an["period"], k])
    for nis in (an["nis"], small.iloc[0, 0]):
        for search in (f"?period={an['period']}",
                       f"?period={an['period']}&ell=0&art60=0&horizon=12",
                       "?period=2025&indicator=work_12m_rate&horizon=12"):  # not known yet
            counts = _counts_in(_tree(analist, server, f"/analyse/{nis}", search))
            assert counts, (nis, search)
            assert not [c for c in counts if 1 <= c < k], (nis, search)


def test_the_municipality_page_links_here_and_others_are_refused(server, an):
    s = server.session("gent")
    try:
        tree = _tree(s, server, "/gemeente/44021", "?period=2024-Q2")
        link = SUPPORT.find(tree, lambda c: c["props"].get("id") == "mun-analysis-link")
        assert link and link[0]["props"]["href"].startswith("/analyse/44021?period=2024-Q2")
        own = " ".join(SUPPORT.texts(_tree(s, server, "/analyse/44021", "?period=2024-Q2")))
        assert "Hoe zeker zijn de cijfers?" in own
        other = _tree(s, server, "/analyse/11002", "?period=2024-Q2")
        text = " ".join(SUPPORT.texts(other))
        assert "Details zijn enkel zichtbaar" in text and "Antwerpen" in text
        assert not SUPPORT.find(other, lambda c: c.get("type") in ("Graph", "AgGrid", "Table"))
        assert "%" not in text
    finally:
        s.close()


def _post(session, server, output, inputs, state):
    payload = {"output": output["output"], "outputs": output["outputs"], "inputs": inputs,
               "state": state,
               "changedPropIds": [json.dumps(inputs[0][0]["id"], separators=(",", ":"),
                                             sort_keys=True) + "." + inputs[0][0]["property"]]}
    return session.post(server.url + "/_dash-update-component", json=payload)


def _store(an, code="ell=0,art60=1"):
    return {"page": "analysis", "nis": an["nis"], "level": "definition", "code": code,
            "period": an["period"], "period_type": "quarter", "indicator": "work_6m_rate",
            "lang": "nl", "cmp": "flanders", "trend": "month", "horizon": 6}


def test_switch_writes_the_url_and_download_keeps_the_definition(server, analist, an):
    deps = analist.get(server.url + "/_dash-dependencies").json()
    dep = [d for d in deps if "analysis-filter" in json.dumps(d["inputs"])][0]
    fid = {"key": "art60", "type": "analysis-filter"}
    r = _post(analist, server, {"output": dep["output"],
                                "outputs": {"id": "_pages_location", "property": "search"}},
              [[{"id": fid, "property": "value", "value": False}]],
              [{"id": "app-page-state", "property": "data", "value": _store(an)},
               {"id": "_pages_location", "property": "search", "value": ""}])
    assert r.status_code == 200, r.text[:300]
    search = r.json()["response"]["_pages_location"]["search"]
    assert search == f"?period={an['period']}&indicator=work_6m_rate&ell=0&art60=0"

    btn = {"type": "download", "view": "an-casemix", "fmt": "csv"}
    r = _post(analist, server, {"output": "app-download.data",
                                "outputs": {"id": "app-download", "property": "data"}},
              [[{"id": btn, "property": "n_clicks", "value": 1}]],
              [{"id": "app-page-state", "property": "data", "value": _store(an)}])
    assert r.status_code == 200, r.text[:300]
    data = r.json()["response"]["app-download"]["data"]
    content = base64.b64decode(data["content"]).decode() if data.get("base64") else data["content"]
    csv = pd.read_csv(io.StringIO(content), dtype={"area_code": str})
    assert set(csv.include_ell) == {False} and set(csv.art60_is_work) == {True}
    expect = views.casemix(_ctx(an, Definition(False, True), indicator="work_6m_rate")).csv
    assert list(csv.columns) == list(expect.columns) and len(csv) == len(expect)
    assert data["filename"] == f"an-casemix_{an['nis']}_{an['period']}.csv"
