"""dashboard.queries and the views: marts only, suppressed, cached by data version,
and the KPI numbers equal ``python -m etl export --benchmark``."""

from __future__ import annotations

import io
from contextlib import contextmanager

import pandas as pd
import pytest
from flask import Flask, g

from dashboard import db as dashboard_db
from dashboard import queries, views
from dashboard.auth.scope import AccessDenied, Principal
from dashboard.state import from_query
from dashboard.views.common import Ctx, secondary_note
from etl import disclosure
from etl.csvout import EXPORT_COLUMNS, to_csv_bytes

pytestmark = pytest.mark.usefixtures("warehouse_env")
SUPPORT = __import__("sys").modules["leefloon_test_support"]


def _no_small_counts(df: pd.DataFrame):
    k = disclosure.suppression_k()
    for col in [c for c in df.columns if c in disclosure.COUNT_COLUMNS or c == "n"]:
        values = pd.to_numeric(df[col], errors="coerce").dropna()
        assert not ((values >= 1) & (values < k)).any(), col


def test_reference_queries():
    assert len(queries.municipalities()) == 285
    periods = queries.periods()
    assert set(periods.period_type) == {"month", "quarter", "year"}
    comp = queries.comparison("44021")
    assert {"centre_cities", "centre_city", "region", "province", "flanders"} <= set(comp.group_kind)
    assert queries.municipality("99999") is None
    assert queries.area("province", "40000")["area_name"] == "Oost-Vlaanderen"
    assert len(queries.area_members("province", "70000")) == 38


def test_benchmark_equals_cli_export(sample):
    rows = queries.benchmark(sample["nis"], sample["period"])
    assert list(rows.columns)[:len(EXPORT_COLUMNS)] == EXPORT_COLUMNS
    cli = SUPPORT.run_etl("export", "--db", str(SUPPORT.build_warehouse()), "--benchmark",
                          sample["nis"], "--period", sample["period"])
    assert cli.returncode == 0, cli.stderr
    assert to_csv_bytes(rows).decode() == cli.stdout


def test_level_rows_equal_cli_export(sample):
    rows = queries.level_rows("province", sample["period"])
    cli = SUPPORT.run_etl("export", "--db", str(SUPPORT.build_warehouse()), "--level", "province",
                          "--period", sample["period"])
    assert to_csv_bytes(rows).decode() == cli.stdout


def test_every_view_is_suppressed_and_downloadable(sample):
    periods = queries.periods()
    st = from_query({"period": sample["period"]}, periods)
    ctxs = {
        "mun": Ctx("municipality", st, nis=sample["nis"]),
        "ov": Ctx("overview", st),
        "area": Ctx("province", st, level="province", code="40000"),
    }
    for name in ["mun-kpi", "mun-trend", "mun-funnel", "mun-breakdown", "mun-cities",
                 "mun-outflow", "ov-municipalities", "ov-totals", "area-members", "area-trend"]:
        for indicator in ("leefloners", "work_6m_rate"):
            c = ctxs[name.split("-")[0]]
            c = Ctx(c.page, from_query({"period": sample["period"], "indicator": indicator}, periods),
                    nis=c.nis, level=c.level, code=c.code)
            v = views.get(name)(c)
            assert not v.csv.empty, name
            _no_small_counts(v.csv)
            data = to_csv_bytes(v.csv, excel=True)
            assert data.startswith("\ufeff".encode()) and b";" in data.splitlines()[0]
            assert not any(col in v.csv.columns for col in ("person_id", "pid"))


def test_trend_and_area_csv_have_export_columns(sample):
    st = from_query({"period": sample["period"]}, queries.periods())
    assert list(views.get("mun-trend")(Ctx("municipality", st, nis=sample["nis"])).csv.columns) == EXPORT_COLUMNS
    v = views.get("area-members")(Ctx("region", st, level="region", code="REFREG13"))
    assert list(v.csv.columns)[:len(EXPORT_COLUMNS)] == EXPORT_COLUMNS
    assert set(v.csv.level) == {"municipality", "region", "flanders"}


def test_screen_values_come_from_the_export_rows(sample):
    st = from_query({"period": sample["period"]}, queries.periods())
    v = views.get("mun-kpi")(Ctx("municipality", st, nis=sample["nis"]))
    bench = v.extra["bench"]
    me = bench.row("municipality")
    export = pd.read_csv(io.StringIO(SUPPORT.run_etl(
        "export", "--db", str(SUPPORT.build_warehouse()), "--benchmark", sample["nis"],
        "--period", sample["period"]).stdout), dtype={"code": str})
    first = export.iloc[0]
    assert first["code"] == sample["nis"]
    assert me["leefloners"] == first["leefloners"]
    assert me["registration_rate"] == pytest.approx(first["registration_rate"], abs=1e-6)


def test_secondary_suppression_hides_a_second_cell():
    df = pd.DataFrame({
        "g": ["a", "a", "a", "b", "b"],
        "c": ["x", "y", "z", "x", "y"],
        "person_months": [3, 40, 12, 50, 60],
        "n_registered": [2, 30, 8, 40, 50],
        "registration_rate": [2 / 3, 0.75, 8 / 12, 0.8, 50 / 60],
    })
    out = queries.suppress(df, by=["g"], category="c")
    a = out[out.g == "a"]
    assert a["person_months"].isna().sum() == 2  # the 3 and the next smallest (12)
    assert pd.isna(a.iloc[2]["registration_rate"])
    assert not out[out.g == "b"]["is_suppressed"].any()


def test_cache_key_holds_the_data_version(monkeypatch, sample):
    calls = []
    real = queries.db.Warehouse.using

    @contextmanager
    def spy(self):
        with real(self) as (handle, cur):
            calls.append(handle.data_version)
            yield handle, cur

    monkeypatch.setattr(queries.db.Warehouse, "using", spy)
    queries.clear_cache()
    queries.periods()
    queries.periods()
    assert len(calls) == 2 and len(set(calls)) == 1


@contextmanager
def acting_as(principal):
    """A Flask request context whose ``g.principal`` is ``principal`` (what
    ``dashboard.access`` sets before every request)."""
    with Flask(__name__).test_request_context("/"):
        g.principal = principal
        yield


GENT = Principal("gent", "ocmw", ("44021",))
ANALYST = Principal("analist", "analyst")


def test_scope_is_enforced_in_one_place(sample):
    period = sample["period"]
    other = [("municipality", "11002"), ("flanders", "flanders")]
    own = [("municipality", "44021"), ("flanders", "flanders")]
    # the system (no request) fills the caches first: the gate must still refuse afterwards
    assert not queries.trend(other, "month").empty
    assert not queries.detail_benchmark("11002", period).empty
    with acting_as(GENT):
        for read in (lambda: queries.trend(other, "month"),
                     lambda: queries.breakdown(other, "quarter", period),
                     lambda: queries.outflow(other, "quarter", period, 6),
                     lambda: queries.detail_benchmark("11002", period)):
            with pytest.raises(AccessDenied) as err:
                read()
            assert err.value.nis_code == "11002"
        # own detail, aggregates and every headline query are fine
        assert not queries.trend(own, "month").empty
        assert not queries.detail_benchmark("44021", period).empty
        assert not queries.trend([("province", "40000"), ("flanders", "flanders")], "month").empty
        assert not queries.benchmark("11002", period).empty
        assert len(queries.level_rows("municipality", period)) == 285
        assert not queries.comparison("11002").empty
        # a level the gate does not know is not an aggregate: detail of that code
        with pytest.raises(AccessDenied):
            queries.trend([("gemeente", "11002")], "month")
    with acting_as(ANALYST):
        assert not queries.trend(other, "month").empty
    with Flask(__name__).test_request_context("/"):  # a request without a principal
        with pytest.raises(AccessDenied):
            queries.periods()
    assert queries.current_principal() is queries.SYSTEM


def test_views_ask_the_gate(sample):
    st = from_query({"period": sample["period"]}, queries.periods())
    them, mine = Ctx("municipality", st, nis="11002"), Ctx("municipality", st, nis="44021")
    for name in ("mun-trend", "mun-funnel", "mun-breakdown", "mun-cities", "mun-outflow"):
        views.get(name)(them)  # cached as the system
        with acting_as(GENT):
            with pytest.raises(AccessDenied):
                views.get(name)(them)
            assert not views.get(name)(mine).csv.empty
    with acting_as(GENT):
        assert not views.get("mun-kpi")(them).csv.empty  # headline
        with pytest.raises(AccessDenied):  # a crafted area page about a municipality
            views.get("area-trend")(Ctx("region", st, level="municipality", code="11002"))
        outflow = views.get("mun-outflow")(mine)
    # Gent's own outflow shows Gent and the centre cities pooled, not each city (their detail)
    assert set(outflow.csv.level) == {"municipality", "centre_cities"}
    assert set(outflow.csv.code[outflow.csv.level == "municipality"]) == {"44021"}
    assert outflow.extra["withheld"]
    with acting_as(ANALYST):
        full = views.get("mun-outflow")(mine)
    assert len(set(full.csv.code[full.csv.level == "municipality"])) > 1


def test_breakdowns_never_hide_a_lone_cell(sample):
    """A single hidden category could be recovered as total minus the others."""
    periods = queries.periods()
    small = queries.level_rows("municipality", sample["period"]).sort_values("person_months")
    codes = small[small.person_months > 20]["code"].head(5).tolist() + [sample["nis"]]
    for nis in codes:
        df = queries.breakdown([("municipality", nis)], "quarter", sample["period"])
        for (_, dim), group in df.groupby(["area_code", "dimension"]):
            for col in ("leefloners", "person_months", "work_6m_n"):
                is_hidden = group[queries.SUPPRESSED].map(lambda s, c=col: c in s.split(","))
                shown = pd.to_numeric(group.loc[~is_hidden, col], errors="coerce").fillna(0)
                # a lone hidden cell is only allowed when every other one is 0: then the
                # total equals it and is itself hidden
                assert is_hidden.sum() != 1 or (shown == 0).all(), (nis, dim, col)
    assert periods is not None


def test_a_month_shows_the_breakdown_and_outflow_of_its_quarter(sample):
    """Breakdowns and outflow splits are published per quarter and year: for a month the
    municipality page shows the quarter that holds it, and says which."""
    first_month = int(sample["period"][-1]) * 3 - 2
    month = f"{sample['period'][:4]}-{first_month:02d}"
    ctx = Ctx("municipality", from_query({"period": month}, queries.periods()), nis=sample["nis"])
    quarter = Ctx("municipality", from_query({"period": sample["period"]}, queries.periods()),
                  nis=sample["nis"])
    for view in ("mun-breakdown", "mun-outflow"):
        by_month, by_quarter = views.get(view)(ctx), views.get(view)(quarter)
        assert not by_month.data.empty, view
        pd.testing.assert_frame_equal(by_month.csv, by_quarter.csv)
        assert set(by_month.csv.period) == {sample["period"]}
    from dashboard import fmt
    from dashboard.views.common import quarter_note

    [note] = quarter_note(ctx)
    assert note.startswith("Deze opsplitsing bestaat per kwartaal en per jaar, niet per maand")
    assert note.endswith(f": je ziet het {fmt.period_label(sample['period'], 'nl')}.")
    assert not quarter_note(quarter)




def _breakdown_view(nis: str, period: str, indicator: str = "leefloners"):
    st = from_query({"period": period, "indicator": indicator}, queries.periods())
    return views.get("mun-breakdown")(Ctx("municipality", st, nis=nis))


def test_a_category_no_one_was_in_shows_as_0_in_its_place():
    """The mart has no row for an empty category; the breakdown shows 0, in order."""
    missing = dashboard_db.warehouse().query("""
        SELECT m.area_code, m.period FROM mart_breakdown__area_period m
        WHERE m.area_level = 'municipality' AND m.period_type = 'year' AND m.dimension = 'age_band'
        GROUP BY ALL HAVING count(*) < 5 ORDER BY count(*), m.area_code LIMIT 1""")
    assert len(missing), "the test warehouse has a municipality-year with an empty age band"
    nis, period = missing.area_code.iat[0], missing.period.iat[0]
    v = _breakdown_view(nis, period)
    ages = v.csv[(v.csv.level == "municipality") & (v.csv.dimension == "age_band")]
    assert list(ages.category) == ["<25", "25-34", "35-44", "45-54", "55+"]
    assert (ages.leefloners == 0).any()
    series = v.data[v.data.dimension == "age_band"].groupby("series_kind", sort=False)["category"]
    orders = [list(c) for _, c in series]
    assert len(orders) == 2 and orders[0] == orders[1]  # the chart's axis is in this order


def test_a_cell_hidden_as_secondary_is_marked_and_explained_apart():
    """A category hidden only so that a small one cannot be derived is not 'fewer than k'."""
    found = None
    for nis in queries.municipalities().nis_code:
        v = _breakdown_view(nis, "2024")
        if v.hidden_secondary:
            found = v
            break
    assert found is not None, "the test warehouse has a breakdown with a secondary cell"
    texts = set(found.data.text)
    assert "verborgen**" in texts and "verborgen*" in texts
    assert "verborgen zodat een klein aantal niet kan worden afgeleid" in secondary_note("nl")
