"""Every page rendered over HTTP by a real gunicorn, the way a browser asks for it
(logged in as the analyst; tests/dashboard/test_access.py covers the other roles)."""

from __future__ import annotations

import base64
import gzip
import io
import json
import re
import sys

import pandas as pd
import pytest

SUPPORT = sys.modules["leefloon_test_support"]


@pytest.fixture(scope="module")
def http(server):
    s = server.session("analist")
    yield s
    s.close()


def test_health(server, http, warehouse_path):
    r = http.get(server.url + "/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["data_version"]
    assert body["first_month"] == "2023-01" and body["last_month"] == "2025-06"


@pytest.mark.parametrize("path,status", [
    ("/", 200), ("/definities", 200), ("/gemeente/44021", 200), ("/provincie/40000", 200),
    ("/regio/REFREG01", 200), ("/gemeente/99999", 404), ("/regio/NOPE", 404), ("/bestaat-niet", 404),
])
def test_pages_answer_with_the_right_status(server, http, path, status):
    r = http.get(server.url + path)
    assert r.status_code == status
    assert "_dash-config" in r.text and 'lang="nl"' in r.text


def test_index_fetches_nothing_from_outside(server, http):
    html = http.get(server.url + "/").text
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert url.startswith("/"), url


@pytest.mark.parametrize("path,search,expected", [
    ("/", "", ["Vlaanderen in één oogopslag", "Provincies en regio's", "Alle gemeenten"]),
    ("/", "?lang=en", ["Flanders at a glance"]),
    ("/gemeente/44021", "?period=2024-Q2", ["Gent", "Kerncijfers", "Van leefloon naar werk",
                                            "Naar kenmerken: Ingeschreven bij VDAB",
                                            "De nabije centrumsteden één voor één"]),
    ("/gemeente/44021", "?period=2024-Q2&lang=en&indicator=work_6m_rate",
     ["Key figures", "Work within 6 months"]),
    ("/provincie/70000", "", ["Limburg", "38 gemeenten", "Limburg tegenover Vlaanderen"]),
    ("/regio/REFREG13", "", ["Regio Gent"]),
    ("/definities", "?nis=11002", ["De indicatoren", "Antwerpen", "1 tot en met 4", "Gegevensversie"]),
    ("/gemeente/99999", "", ["Deze pagina bestaat niet", "99999"]),
    ("/nergens", "", ["Deze pagina bestaat niet"]),
])
def test_every_page_renders(server, http, path, search, expected):
    tree = SUPPORT.render(http, server.url, path, search)
    text = " ".join(SUPPORT.texts(tree))
    for want in expected:
        assert want in text, (want, text[:400])


@pytest.mark.parametrize("path,search", [
    ("/", "?period=2024"), ("/gemeente/44021", "?period=2024-Q2"), ("/provincie/70000", ""),
    ("/regio/REFREG13", ""), ("/analyse/44021", "?period=2024"),
])
def test_a_page_holds_each_id_once(server, http, path, search):
    """The renderer wires a callback to one element per id: a second download menu with
    the same id does nothing when clicked."""
    tree = SUPPORT.render(http, server.url, path, search)
    found = [json.dumps(c["props"]["id"], sort_keys=True)
             for c in SUPPORT.find(tree, lambda c: c["props"].get("id") is not None)]
    assert len(found) > 10
    assert sorted(i for i in set(found) if found.count(i) > 1) == []
    downloads = [i for i in found if '"type": "download"' in i]
    assert downloads  # the page has download menus, each with its own id


@pytest.mark.parametrize("view,store", [
    ("ov-municipalities-map", {"page": "overview", "period": "2024", "period_type": "year",
                               "indicator": "registration_rate", "lang": "nl"}),
    ("area-members-map", {"page": "province", "level": "province", "code": "70000", "period": "2024",
                          "period_type": "year", "indicator": "registration_rate", "lang": "nl"}),
])
def test_the_download_beside_a_map_gives_the_rows_of_its_table(server, http, view, store):
    table_view = view.removesuffix("-map")
    files = {}
    for name in (view, table_view):
        r = http.post(server.url + "/_dash-update-component", json=SUPPORT.download_payload(name, store))
        assert r.status_code == 200, r.text[:300]
        files[name] = r.json()["response"]["app-download"]["data"]
    assert files[view]["filename"].startswith(view + "_")
    assert files[view]["content"] == files[table_view]["content"]
    text = base64.b64decode(files[view]["content"]).decode()
    assert text.count("\n") > 30  # a row per municipality


def test_the_drill_down_is_linked_both_ways(server, http):
    """Municipality page -> its province and region; area page ranking -> each member."""
    tree = SUPPORT.render(http, server.url, "/gemeente/44021", "?period=2024-Q2")
    links = {c["props"]["id"]: c["props"]["href"] for c in SUPPORT.find(
        tree, lambda c: c["props"].get("id") in ("mun-province-link", "mun-region-link"))}
    assert links["mun-province-link"].startswith("/provincie/40000?period=2024-Q2")
    assert links["mun-region-link"].startswith("/regio/REFREG13?period=2024-Q2")  # Regio Gent
    tree = SUPPORT.render(http, server.url, "/provincie/70000", "?period=2024")
    ranking = SUPPORT.find(tree, lambda c: c["props"].get("id") == "area-ranking")[0]
    members = [c["props"]["href"] for c in SUPPORT.find(ranking, lambda c: c["type"] == "Link")]
    assert len(members) == 38 and all(h.startswith("/gemeente/7") for h in members)
    assert all("?period=2024" in h for h in members)


def test_area_page_sections_come_from_their_own_callback(server, http):
    r = http.post(server.url + "/_dash-update-component",
                  json=SUPPORT.router_payload("/provincie/70000"), timeout=60)
    router = r.json()["response"]["_pages_content"]["children"]
    slots = SUPPORT.find(router, lambda c: isinstance(c["props"].get("id"), dict)
                         and c["props"]["id"].get("type") == "area-section")
    assert sorted(s["props"]["id"]["name"] for s in slots) == ["members", "trend"]
    assert not SUPPORT.find(router, lambda c: c["type"] == "Graph")  # the router draws no chart
    tree = SUPPORT.render(http, server.url, "/provincie/70000")
    maps = SUPPORT.find(tree, lambda c: c["props"].get("id") == {"type": "map", "page": "area"})
    assert len(maps) == 1
    assert sum(len(trace["locations"]) for trace in maps[0]["props"]["figure"]["data"]) == 38
    assert len(SUPPORT.find(tree, lambda c: c["type"] == "Graph")) == 3  # ranking, map, trend


def test_period_outside_the_data_snaps_with_a_notice(server, http):
    tree = SUPPORT.render(http, server.url, "/gemeente/44021", "?period=2019-03")
    text = " ".join(SUPPORT.texts(tree))
    assert "valt buiten de gegevens" in text and "januari 2023" in text
    store = SUPPORT.find(tree, lambda c: c["props"].get("id") == "app-page-state")[0]
    assert store["props"]["data"]["period"] == "2023-01"


def test_kpi_cards_equal_the_export(server, http, warehouse_path):
    tree = SUPPORT.render(http, server.url, "/gemeente/44021", "?period=2024-Q2")
    cli = SUPPORT.run_etl("export", "--db", str(warehouse_path), "--benchmark", "44021",
                          "--period", "2024-Q2")
    export = pd.read_csv(io.StringIO(cli.stdout), dtype={"code": str}).iloc[0]
    cards = SUPPORT.find(tree, lambda c: "data-indicator" in c["props"])
    assert len(cards) == 5
    for card in cards:
        key, raw = card["props"]["data-indicator"], card["props"]["data-value"]
        if pd.isna(export[key]):
            assert raw == ""
        else:
            assert float(raw) == pytest.approx(float(export[key]), abs=5e-7)  # CSV has 6 decimals


def _callback(http, url, output, inputs, state):
    payload = {"output": output, "outputs": None, "inputs": inputs, "state": state,
               "changedPropIds": [f"{json.dumps(inputs[0][0]['id'], separators=(',', ':'))}.{inputs[0][0]['property']}"]}
    r = http.post(url + "/_dash-update-component", json=payload)
    return r


def test_download_is_exactly_the_export(server, http, warehouse_path):
    store = {"page": "municipality", "nis": "44021", "period": "2024-Q2", "period_type": "quarter",
             "indicator": "registration_rate", "lang": "nl", "cmp": "flanders", "trend": "month",
             "horizon": 6}
    btn = {"type": "download", "view": "mun-kpi", "fmt": "csv"}
    payload = {
        "output": "app-download.data",
        "outputs": {"id": "app-download", "property": "data"},
        "inputs": [[{"id": btn, "property": "n_clicks", "value": 1}]],
        "state": [{"id": "app-page-state", "property": "data", "value": store}],
        "changedPropIds": [json.dumps(btn, separators=(",", ":"), sort_keys=True) + ".n_clicks"],
    }
    r = http.post(server.url + "/_dash-update-component", json=payload)
    assert r.status_code == 200, r.text[:300]
    data = r.json()["response"]["app-download"]["data"]

    content = base64.b64decode(data["content"]).decode() if data.get("base64") else data["content"]
    cli = SUPPORT.run_etl("export", "--db", str(warehouse_path), "--benchmark", "44021",
                          "--period", "2024-Q2")
    assert content == cli.stdout
    assert data["filename"] == "mun-kpi_44021_2024-Q2.csv"


def test_filter_change_writes_the_url(server, http):
    store = {"page": "municipality", "nis": "44021", "period": "2024-Q2", "period_type": "quarter",
             "indicator": "registration_rate", "lang": "nl"}
    fid = {"type": "filter", "page": "mun", "key": "period_type"}
    payload = {
        "output": "_pages_location.search@" , "outputs": {"id": "_pages_location", "property": "search"},
        "inputs": [[{"id": fid, "property": "value", "value": "month"}]],
        "state": [{"id": "app-page-state", "property": "data", "value": store},
                  {"id": "_pages_location", "property": "search", "value": "?period=2024-Q2"}],
        "changedPropIds": [json.dumps(fid, separators=(",", ":"), sort_keys=True) + ".value"],
    }
    deps = http.get(server.url + "/_dash-dependencies").json()

    def is_filter_bar(dep):  # the filter bar's callback (other pages have filters of their own)
        ids = [i["id"] for i in dep["inputs"]]
        return any(i.startswith("{") and json.loads(i).get("type") == "filter"
                   and "page" in json.loads(i) for i in ids)

    out = [d["output"] for d in deps if is_filter_bar(d)][0]
    payload["output"] = out
    r = http.post(server.url + "/_dash-update-component", json=payload)
    assert r.status_code == 200, r.text[:300]
    assert r.json()["response"]["_pages_location"]["search"] == "?period=2024-06&indicator=registration_rate"


def test_boundaries_are_served_locally_and_compressed(server, http):
    r = http.get(server.url + "/geo/municipalities.geojson", headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and r.headers.get("Content-Encoding") == "gzip"
    assert len(r.json()["features"]) == 285
    assert http.get(server.url + "/geo/topojson/world_110m.json").json()["type"] == "Topology"


def test_no_warehouse_gives_clear_page_and_503(tmp_path):
    srv = SUPPORT.Server(tmp_path / "missing.duckdb", workers=1)
    try:
        s = srv.session()
        r = s.get(srv.url + "/health")
        assert r.status_code == 503 and r.json()["status"] == "no_data"
        text = " ".join(SUPPORT.texts(SUPPORT.render(s, srv.url, "/gemeente/44021")))
        assert "nog geen gegevens geladen" in text and "make demo" in text
        assert "python -m etl load" in text
    finally:
        srv.stop()


def test_new_warehouse_is_picked_up_without_restart(tmp_path, warehouse_path):
    import os
    import shutil
    import time

    import duckdb

    target = tmp_path / "wh.v1.duckdb"
    shutil.copy(os.path.realpath(warehouse_path), target)
    link = tmp_path / "wh.duckdb"
    os.symlink(target.name, link)
    srv = SUPPORT.Server(link, workers=1)
    try:
        s = srv.session()
        v1 = s.get(srv.url + "/health").json()["data_version"]
        new = tmp_path / "wh.v2.duckdb"
        shutil.copy(target, new)
        con = duckdb.connect(str(new))
        con.execute("update meta set value = 'v2-test' where key = 'data_version'")
        con.close()
        os.symlink(new.name, tmp_path / "tmp.link")
        os.replace(tmp_path / "tmp.link", link)
        deadline = time.monotonic() + 10
        versions = []
        while time.monotonic() < deadline:
            r = s.get(srv.url + "/health")
            assert r.status_code == 200
            versions.append(r.json()["data_version"])
            if versions[-1] == "v2-test":
                break
            time.sleep(0.1)
        assert versions[0] == v1 and versions[-1] == "v2-test"
        assert "Gent" in " ".join(SUPPORT.texts(SUPPORT.render(s, srv.url, "/gemeente/44021")))
    finally:
        srv.stop()


def test_gzip_of_callbacks(server, http):
    r = http.post(server.url + "/_dash-update-component",
                  json=SUPPORT.router_payload("/", ""), headers={"Accept-Encoding": "gzip"})
    assert r.headers.get("Content-Encoding") == "gzip"
    assert gzip.decompress(r.raw.read()) if False else r.json()


def test_every_worker_serves_the_scripts_without_the_index_first(warehouse_path):
    srv = SUPPORT.Server(warehouse_path, workers=1)
    try:
        # learn a script URL from a separate process' view of the index: the fresh worker
        # has not rendered the index yet when the browser asks it for this script
        html = srv.session().get(srv.url + "/").text
        srv.stop()
        srv = SUPPORT.Server(warehouse_path, workers=1, app_dir=srv.app_dir)
        s = srv.session()  # logging in renders no index
        url = re.search(r'src="(/_dash-component-suites/dash/deps/[^"]+)"', html).group(1)
        assert s.get(srv.url + url).status_code == 200
    finally:
        srv.stop()
