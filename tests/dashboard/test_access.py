"""Access control in the real app, over HTTP against a real gunicorn: crafted requests to
/_dash-update-component (the payloads the Dash renderer sends: the pages router, the
download menu) for another municipality's detail are refused and carry nothing of it;
headline stays open; unauthenticated requests are refused; logins are throttled; downloads,
refusals and exports are audited; the admin pages; trusted-header mode; security headers.

Users (tests/dashboard/support.py): ``gent`` (ocmw, 44021), ``analist``, ``beheerder``
(admin) and ``victim`` (ocmw, 11002; only the throttling test logs in as it).
"""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import sys

import pytest
import requests

SUPPORT = sys.modules["leefloon_test_support"]
OWN, OTHER, PERIOD = "44021", "11002", "2024-Q2"
DETAIL_SECTIONS = ("mun-trend", "mun-funnel", "mun-breakdown", "mun-cities", "mun-outflow")
DETAIL_VIEWS = DETAIL_SECTIONS
NUMBER = re.compile(r"^[−+-]?\d[\d.,]*(?: %)?$")  # "56,3 %", "1.234", "+2,1"
SEARCHES = ["?period=2024-Q2", "?period=2024-Q2&indicator=leefloners",
            "?period=2024-06&indicator=work_6m_rate&cmp=region&trend=quarter&horizon=12",
            "?period=2024&cmp=peers&lang=en"]


@pytest.fixture(scope="module")
def users(server):
    sessions = {name: server.session(name) for name in ("gent", "analist", "beheerder")}
    yield sessions
    for s in sessions.values():
        s.close()


def post(session, server, payload) -> requests.Response:
    return session.post(server.url + "/_dash-update-component", json=payload, timeout=120)


def page_store(nis=None, period=PERIOD, **extra) -> dict:
    period_type = "quarter" if "-Q" in period else ("month" if len(period) == 7 else "year")
    return {"page": "municipality", "nis": nis, "level": None, "code": None, "period": period,
            "period_type": period_type, "indicator": "registration_rate", "lang": "nl",
            "cmp": "flanders", "trend": "month", "horizon": 6, **extra}


download_payload = SUPPORT.download_payload


def account_payload(store: dict) -> dict:
    return {"output": "app-account.children",
            "outputs": {"id": "app-account", "property": "children"},
            "inputs": [{"id": "app-page-state", "property": "data", "value": store}],
            "changedPropIds": ["app-page-state.data"], "state": []}


def render(session, server, path, search=""):
    return SUPPORT.render_page(session, server.url, path, search)


def by_id(tree, ident):
    return SUPPORT.find(tree, lambda c: c["props"].get("id") == ident)


def graphs(tree):
    return SUPPORT.find(tree, lambda c: c.get("type") == "Graph")


def download_content(r: requests.Response) -> str:
    data = r.json()["response"]["app-download"]["data"]
    return base64.b64decode(data["content"]).decode("utf-8-sig") if data.get("base64") \
        else data["content"]


def csrf_from_account(session, server) -> str:
    r = post(session, server, account_payload({"page": "", "lang": "nl"}))
    assert r.status_code == 200
    return SUPPORT.find(r.json()["response"]["app-account"]["children"],
                        lambda c: c["props"].get("name") == "csrf")[0]["props"]["value"]


# -- without a session ---------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/gemeente/44021?period=2024-Q2", "/definities",
                                  "/provincie/40000", "/beheer/gebruikers", "/beheer/audit.csv",
                                  "/geo/municipalities.geojson", "/bestaat-niet"])
def test_pages_redirect_to_login(server, path):
    r = requests.get(server.url + path, allow_redirects=False, timeout=60)
    assert r.status_code == 302
    assert r.headers["Location"].startswith("/login?next=")
    assert "leefloners" not in r.text


def test_dash_requests_without_a_session_get_401_and_nothing_else(server):
    anon = requests.Session()
    for payload in (SUPPORT.router_payload("/gemeente/44021", "?period=2024-Q2"),
                    download_payload("mun-trend", page_store(OWN))):
        r = post(anon, server, payload)
        assert r.status_code == 401 and r.json() == {"error": "login required", "login": "/login"}
    for path in ("/_dash-layout", "/_dash-dependencies",
                 "/_dash-component-suites/dash/deps/react@18.3.1.min.js"):
        assert anon.get(server.url + path, timeout=60).status_code == 401
    # a forged or foreign cookie counts for nothing
    anon.cookies.set("leefloon_session", "eyJ1IjoiYW5hbGlzdCJ9.forged.sig")
    assert post(anon, server, SUPPORT.router_payload("/")).status_code == 401


def test_public_paths(server):
    assert requests.get(server.url + "/health", timeout=60).status_code == 200
    assert requests.get(server.url + "/assets/10_app.css", timeout=60).status_code == 200
    login = requests.get(server.url + "/login", timeout=60)
    assert login.status_code == 200
    assert "Aanmelden" in login.text and 'name="csrf"' in login.text
    assert "/assets/00_bootstrap.min.css" in login.text
    for url in re.findall(r'(?:src|href|action)="([^"]+)"', login.text):  # nothing from outside
        assert url.startswith(("/", "#", "data:")) and not url.startswith("//"), url
    en = requests.get(server.url + "/login?lang=en", timeout=60)
    assert "Log in" in en.text and 'lang="en"' in en.text


# -- logging in ------------------------------------------------------------------------------

def test_login_cookie_and_generic_error(server):
    s = requests.Session()
    bad_user = SUPPORT.login(s, server.url, "nobody-here")
    bad_pw = SUPPORT.login(s, server.url, "gent", "not the password!")
    assert bad_user.status_code == bad_pw.status_code == 401
    message = "Gebruikersnaam of wachtwoord is niet juist."
    assert message in bad_user.text and message in bad_pw.text
    page = s.get(server.url + "/login", timeout=60)
    forged = s.post(server.url + "/login", data={"username": "gent", "password": SUPPORT.PASSWORD,
                                                 "csrf": "forged"}, allow_redirects=False)
    assert forged.status_code == 400 and "leefloon_session" not in forged.headers.get("Set-Cookie", "x")
    assert SUPPORT.csrf_of(page.text)
    ok = s.post(server.url + "/login?next=/gemeente/44021", allow_redirects=False, timeout=60,
                data={"username": "Gent", "password": SUPPORT.PASSWORD,
                      "csrf": SUPPORT.csrf_of(page.text)})
    assert ok.status_code == 302 and ok.headers["Location"] == "/gemeente/44021"
    cookie = ok.headers["Set-Cookie"]
    assert cookie.startswith("leefloon_session=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert s.get(server.url + "/gemeente/44021", timeout=60).status_code == 200
    # https at the proxy (gunicorn believes X-Forwarded-Proto from 127.0.0.1): Secure
    s3 = requests.Session()
    page = s3.get(server.url + "/login", timeout=60)  # over http: this cookie is not Secure
    r = s3.post(server.url + "/login", allow_redirects=False, timeout=60,
                headers={"X-Forwarded-Proto": "https"},
                data={"username": "gent", "password": SUPPORT.PASSWORD,
                      "csrf": SUPPORT.csrf_of(page.text)})
    assert r.status_code == 302 and "Secure" in r.headers["Set-Cookie"]
    # an external next= is refused
    s2 = requests.Session()
    page = s2.get(server.url + "/login", timeout=60)
    r = s2.post(server.url + "/login?next=//evil.example/x", allow_redirects=False, timeout=60,
                data={"username": "gent", "password": SUPPORT.PASSWORD,
                      "csrf": SUPPORT.csrf_of(page.text)})
    assert r.headers["Location"] == "/"


def test_brute_force_is_throttled(server):
    """5 failures in a row block the username (and the address) for a minute: 429 with
    Retry-After, and then even the right password is refused. The client's address comes
    from X-Forwarded-For (the test talks to gunicorn from 127.0.0.1, a trusted proxy by
    default), so this test blocks an address of its own and no other test's."""
    s = requests.Session()
    headers = {"X-Forwarded-For": "198.51.100.77"}
    for _ in range(5):
        assert SUPPORT.login(s, server.url, "victim", "wrong guess 123", headers).status_code == 401
    r = SUPPORT.login(s, server.url, "victim", SUPPORT.PASSWORD, headers)
    assert r.status_code == 429
    assert 1 <= int(r.headers["Retry-After"]) <= 60
    assert "Te veel mislukte pogingen" in r.text
    assert "leefloon_session" not in s.cookies or s.get(
        server.url + "/", allow_redirects=False, timeout=60).status_code == 302
    # another address is blocked for this username too; the address for anyone
    r = SUPPORT.login(requests.Session(), server.url, "victim", SUPPORT.PASSWORD,
                      {"X-Forwarded-For": "198.51.100.78"})
    assert r.status_code == 429
    r = SUPPORT.login(requests.Session(), server.url, "nobody-else", "whatever 12345", headers)
    assert r.status_code == 429
    failed = server.audit().read(limit=None, username="victim", event="login_failed")
    assert len(failed) == 5 and failed[0]["remote_addr"] == "198.51.100.77"
    assert failed[0]["detail"]["blocked_seconds"] == 60


def test_logout(server):
    s = server.session("analist")
    token = csrf_from_account(s, server)
    assert s.post(server.url + "/logout", data={"csrf": "forged"}, allow_redirects=False,
                  timeout=60).status_code == 400
    r = s.post(server.url + "/logout", data={"csrf": token}, allow_redirects=False, timeout=60)
    assert r.status_code == 302 and r.headers["Location"] == "/login?logged_out=1"
    assert s.get(server.url + "/", allow_redirects=False, timeout=60).status_code == 302
    assert post(s, server, SUPPORT.router_payload("/")).status_code == 401
    assert server.audit().read(limit=1, username="analist", event="logout")


def test_account_menu_shows_user_and_role(server, users):
    r = post(users["gent"], server, account_payload({"page": "", "lang": "nl"}))
    text = " ".join(SUPPORT.texts(r.json()["response"]["app-account"]["children"]))
    assert "gent · OCMW 44021" in text and "Afmelden" in text and "Beheer" not in text
    r = post(users["beheerder"], server, account_payload({"page": "", "lang": "en"}))
    text = " ".join(SUPPORT.texts(r.json()["response"]["app-account"]["children"]))
    assert "beheerder · administrator" in text and "Log out" in text and "Administration" in text


# -- the OCMW user: headline everywhere, detail only at home -----------------------------

def texts_outside(tree, skip: tuple[str, ...]) -> set[str]:
    """Every string of a layout tree except those inside the components ``skip`` names."""
    out: set[str] = set()

    def walk(node):
        if isinstance(node, str):
            out.add(node.strip())
        elif isinstance(node, list):
            for n in node:
                walk(n)
        elif isinstance(node, dict) and "props" in node:
            if node["props"].get("id") in skip:
                return
            for v in node["props"].values():
                walk(v)

    walk(tree)
    return out


def detail_only_numbers(tree) -> set[str]:
    """Numbers shown in a page's detail sections and nowhere else on it (the KPI cards
    repeat some: the funnel's rates are the cards' rates, and those are headline)."""
    detail = {t.strip() for sec in DETAIL_SECTIONS for node in by_id(tree, sec)
              for t in SUPPORT.texts(node)}
    return {t for t in detail - texts_outside(tree, DETAIL_SECTIONS) if NUMBER.match(t)}


@pytest.mark.parametrize("search", SEARCHES)
def test_ocmw_router_payload_for_another_municipality_has_no_detail(server, users, search):
    full, _ = render(users["analist"], server, f"/gemeente/{OTHER}", search)
    secret = detail_only_numbers(full)
    assert len(secret) > 10 and graphs(full)
    tree, raw = render(users["gent"], server, f"/gemeente/{OTHER}", search)
    for section in DETAIL_SECTIONS:
        assert not by_id(tree, section), section
    assert graphs(tree) == []  # every chart on the page is detail
    notice = " ".join(SUPPORT.texts(by_id(tree, "mun-detail-denied")))
    assert ("Details zijn enkel zichtbaar voor medewerkers van deze gemeente" in notice
            or "Details are only visible to staff of this municipality" in notice)
    leaked = sorted(n for n in secret if json.dumps(n, ensure_ascii=False) in raw
                    or json.dumps(n) in raw)
    assert leaked == []
    # the headline cards are there, with the numbers of the export
    cards = SUPPORT.find(tree, lambda c: "data-indicator" in c["props"])
    assert len(cards) == 5
    assert [c["props"]["data-value"] for c in cards] == [
        c["props"]["data-value"] for c in SUPPORT.find(full, lambda c: "data-indicator" in c["props"])]
    # no way into the detail: the analysis and the printable report would say "no access"
    for link in ("mun-analysis-link", "mun-report-link"):
        assert by_id(full, link) and not by_id(tree, link), link


@pytest.mark.parametrize("name", ["trend", "funnel", "breakdown", "cities", "outflow"])
def test_a_section_asked_for_directly_is_refused_for_another_municipality(server, users, name):
    """The sections are drawn by their own callback: the gate holds there too, whatever
    page state the request carries."""
    ident = {"name": name, "type": "mun-section"}
    key = json.dumps(ident, separators=(",", ":"), sort_keys=True)

    def section(user, nis):
        r = post(users[user], server, SUPPORT.section_payload(ident, page_store(nis)))
        assert r.status_code == 200
        return r.json()["response"][key]["children"], r.text

    full, _ = section("analist", OTHER)
    assert graphs(full)
    tree, raw = section("gent", OTHER)
    assert by_id(tree, "mun-detail-denied") and not graphs(tree)
    secret = {t.strip() for t in SUPPORT.texts(full) if "%" in t and re.search(r"\d", t)}
    assert secret and not [n for n in secret if json.dumps(n) in raw]
    own, _ = section("gent", OWN)
    assert graphs(own) and not by_id(own, "mun-detail-denied")


def test_ocmw_sees_its_own_detail(server, users):
    tree, _ = render(users["gent"], server, f"/gemeente/{OWN}", "?period=2024-Q2")
    for section in DETAIL_SECTIONS:
        assert by_id(tree, section), section
    assert not by_id(tree, "mun-detail-denied")
    assert by_id(tree, "mun-analysis-link") and by_id(tree, "mun-report-link")
    assert len(graphs(tree)) >= 5
    # the centre cities one by one are their detail: Gent's outflow pools them
    outflow = " ".join(SUPPORT.texts(by_id(tree, "mun-outflow")))
    assert "tellen hier enkel mee in de centrumsteden samen" in outflow


def test_the_grey_of_a_map_says_what_it_hides_for_whom(server, users):
    """On the work-outside-Flanders map an OCMW user's grey also stands for municipalities
    whose details they may not see; an analyst's grey only for hidden or empty ones."""
    def note(user):
        tree, _ = render(users[user], server, f"/analyse/{OWN}", "?period=2024")
        return " ".join(SUPPORT.texts(by_id(tree, "an-mobility-map")))

    assert "waarvan je de details niet mag zien" in note("gent")
    analyst = note("analist")
    assert "Grijs: verborgen (minder dan 5 personen)" in analyst
    assert "details niet mag zien" not in analyst


def test_ocmw_sees_every_headline(server, users):
    gent = users["gent"]
    tree, _ = render(gent, server, "/", "?period=2024-Q2")
    grid = SUPPORT.find(tree, lambda c: c["props"].get("id") == "ov-grid")[0]
    assert len(grid["props"]["rowData"]) == 285
    assert graphs(tree)  # the map
    for path in ("/provincie/10000", "/regio/REFREG01", "/definities"):
        tree, _ = render(gent, server, path, "?nis=11002" if path == "/definities" else "")
        assert not by_id(tree, "not-found")
    assert gent.get(server.url + f"/gemeente/{OTHER}", timeout=60).status_code == 200


@pytest.mark.parametrize("view", DETAIL_VIEWS)
def test_ocmw_crafted_detail_downloads_are_refused(server, users, view):
    before = server.audit().count(username="gent", event="access_denied")
    r = post(users["gent"], server, download_payload(view, page_store(OTHER)))
    assert r.status_code == 403
    assert r.json() == {"error": "forbidden"}
    denied = server.audit().read(limit=1, username="gent", event="access_denied")[0]
    assert server.audit().count(username="gent", event="access_denied") == before + 1
    assert denied["detail"]["nis_code"] == OTHER and denied["detail"]["what"] == view
    assert denied["scope"] == OWN
    r = post(users["gent"], server, download_payload(view, page_store(OWN)))
    assert r.status_code == 200
    rows = list(csv.DictReader(io.StringIO(download_content(r))))
    assert rows and {row["code"] for row in rows if row.get("level") == "municipality"} <= {OWN} | (
        set() if view != "mun-cities" else {row["code"] for row in rows})


def test_ocmw_crafted_area_payload_about_a_municipality_is_refused(server, users):
    store = page_store(None, page="region", level="municipality", code=OTHER)
    r = post(users["gent"], server, download_payload("area-trend", store))
    assert r.status_code == 403 and "11002" not in r.text
    ok = post(users["gent"], server, download_payload(
        "area-trend", page_store(None, page="province", level="province", code="40000")))
    assert ok.status_code == 200


@pytest.mark.parametrize("view,store", [
    ("mun-kpi", page_store(OTHER)),
    ("ov-municipalities", page_store(None, page="overview")),
    ("ov-totals", page_store(None, page="overview")),
    ("area-members", page_store(None, page="province", level="province", code="10000")),
])
def test_ocmw_headline_downloads_work(server, users, view, store):
    r = post(users["gent"], server, download_payload(view, store))
    assert r.status_code == 200 and download_content(r).startswith("level,code,name,period")


@pytest.mark.parametrize("who", ["analist", "beheerder"])
def test_analyst_and_admin_see_everything(server, users, who):
    tree, _ = render(users[who], server, f"/gemeente/{OTHER}", "?period=2024-Q2")
    for section in DETAIL_SECTIONS:
        assert by_id(tree, section), section
    assert not by_id(tree, "mun-detail-denied")
    for view in DETAIL_VIEWS:
        assert post(users[who], server, download_payload(view, page_store(OTHER))).status_code == 200
    outflow = " ".join(SUPPORT.texts(by_id(tree, "mun-outflow")))
    assert "centrumsteden samen" not in outflow


def test_every_download_is_audited(server, users, warehouse_path):
    r = post(users["analist"], server, download_payload("mun-kpi", page_store(OWN), "excel"))
    assert r.status_code == 200
    entry = server.audit().read(limit=1, username="analist", event="download")[0]
    assert entry["scope"] == "all" and entry["remote_addr"] == "127.0.0.1"
    d = entry["detail"]
    assert (d["what"], d["nis"], d["period"], d["period_type"], d["format"]) == (
        "mun-kpi", OWN, PERIOD, "quarter", "excel")
    assert d["definition"] == {"include_ell": True, "art60_is_work": True}
    assert d["indicator"] == "registration_rate" and d["filename"] == "mun-kpi_44021_2024-Q2_excel.csv"
    assert d["rows"] > 0 and d["data_version"]
    r = post(users["gent"], server, download_payload("mun-breakdown", page_store(OWN)))
    assert r.status_code == 200
    entry = server.audit().read(limit=1, username="gent", event="download")[0]
    assert entry["scope"] == OWN and entry["detail"]["what"] == "mun-breakdown"


# -- admin pages -------------------------------------------------------------------------------

@pytest.mark.parametrize("who", ["gent", "analist"])
def test_admin_pages_are_refused_to_others(server, users, who):
    s = users[who]
    for path in ("/beheer/gebruikers", "/beheer/audit", "/beheer/audit.csv"):
        r = s.get(server.url + path, timeout=60, allow_redirects=False)
        assert r.status_code == 403, path
        assert "Geen toegang" in r.text
    r = s.post(server.url + "/beheer/gebruikers", timeout=60, data={
        "csrf": csrf_from_account(s, server), "action": "add", "username": "sneaky",
        "role": "admin"})
    assert r.status_code == 403
    from dashboard.auth.store import UserStore

    assert UserStore(server.app_db).get_user("sneaky") is None
    entry = server.audit().read(limit=1, username=who, event="access_denied")[0]
    assert entry["detail"]["path"] == "/beheer/gebruikers"


def test_admin_manages_users(server, users):
    admin = users["beheerder"]
    page = admin.get(server.url + "/beheer/gebruikers", timeout=60)
    assert page.status_code == 200 and 'data-username="gent"' in page.text
    token = SUPPORT.csrf_of(page.text)
    url = server.url + "/beheer/gebruikers"
    assert admin.post(url, data={"csrf": "x", "action": "add", "username": "nieuw",
                                 "role": "ocmw", "nis": "11002"}, timeout=60).status_code == 400
    bad = admin.post(url, data={"csrf": token, "action": "add", "username": "nieuw",
                                "role": "ocmw", "nis": ""}, timeout=60)
    assert bad.status_code == 400 and "NIS" in bad.text
    r = admin.post(url, data={"csrf": token, "action": "add", "username": "nieuw", "role": "ocmw",
                              "nis": "11002, 11001"}, timeout=60)
    assert r.status_code == 200
    password = re.search(r'id="new-password">([^<]+)<', r.text).group(1)
    newbie = requests.Session()
    assert SUPPORT.login(newbie, server.url, "nieuw", password).status_code == 302
    r = admin.post(url, data={"csrf": token, "action": "reset", "username": "nieuw"}, timeout=60)
    new_password = re.search(r'id="new-password">([^<]+)<', r.text).group(1)
    assert newbie.get(server.url + "/", allow_redirects=False, timeout=60).status_code == 302
    assert SUPPORT.login(requests.Session(), server.url, "nieuw", password).status_code == 401
    assert SUPPORT.login(requests.Session(), server.url, "nieuw", new_password).status_code == 302
    admin.post(url, data={"csrf": token, "action": "disable", "username": "nieuw"}, timeout=60)
    assert SUPPORT.login(requests.Session(), server.url, "nieuw", new_password).status_code == 401
    admin.post(url, data={"csrf": token, "action": "enable", "username": "nieuw"}, timeout=60)
    r = admin.post(url, data={"csrf": token, "action": "remove", "username": "nieuw"}, timeout=60)
    assert r.status_code == 200 and 'data-username="nieuw"' not in r.text
    own = admin.post(url, data={"csrf": token, "action": "remove", "username": "beheerder"},
                     timeout=60)
    assert own.status_code == 400 and 'data-username="beheerder"' in own.text
    events = [(e["event"], e["detail"].get("user"), e["detail"].get("via"))
              for e in server.audit().read(limit=None, username="beheerder")
              if e["event"].startswith(("user_", "password_"))]
    assert events[:5] == [("user_removed", "nieuw", "web"), ("user_enabled", "nieuw", "web"),
                          ("user_disabled", "nieuw", "web"), ("password_changed", "nieuw", "web"),
                          ("user_added", "nieuw", "web")]


def test_audit_page_and_export(server, users):
    admin = users["beheerder"]
    r = admin.get(server.url + "/beheer/audit?event=login", timeout=60)
    assert r.status_code == 200 and 'data-event="login"' in r.text
    assert 'data-event="download"' not in r.text
    before = server.audit().count(username="beheerder", event="export")
    r = admin.get(server.url + "/beheer/audit.csv?event=download&excel=1", timeout=60)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in r.headers["Content-Disposition"]
    body = r.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0] == ["id", "at", "username", "event", "scope", "remote_addr", "detail"]
    assert {row[3] for row in rows[1:]} == {"download"}
    assert server.audit().count(username="beheerder", event="export") == before + 1
    entry = server.audit().read(limit=1, username="beheerder", event="export")[0]
    assert entry["detail"]["what"] == "audit_log" and entry["detail"]["event"] == "download"


# -- hardening -------------------------------------------------------------------------------

def test_security_headers(server, users):
    s = users["analist"]
    for r in (s.get(server.url + "/gemeente/44021", timeout=60),
              requests.get(server.url + "/login", timeout=60),
              post(s, server, SUPPORT.router_payload("/")),
              users["beheerder"].get(server.url + "/beheer/audit", timeout=60)):
        h = r.headers
        csp = dict(part.strip().split(" ", 1) for part in h["Content-Security-Policy"].split(";"))
        assert csp["frame-ancestors"] == "'none'" and csp["default-src"] == "'self'"
        assert csp["base-uri"] == "'self'" and csp["form-action"] == "'self'"
        assert csp["connect-src"] == "'self'" and csp["object-src"] == "'none'"
        assert "unsafe-inline" not in csp["script-src"] and "unsafe-eval" not in csp["script-src"]
        assert h["X-Content-Type-Options"] == "nosniff"
        assert h["X-Frame-Options"] == "DENY" and h["Referrer-Policy"] == "same-origin"
        assert h["Cache-Control"] == "no-store"
    # every inline script of the index is allowed by its hash, and no other
    import hashlib

    index = s.get(server.url + "/", timeout=60)
    html = re.sub(r"<!--.*?-->", "", index.text, flags=re.S)  # an IE conditional comment
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>",
                        html, re.S)
    allowed = index.headers["Content-Security-Policy"]
    assert inline
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed


def test_no_dev_tools_under_gunicorn(server, users):
    s = users["analist"]
    config = json.loads(re.search(r'<script id="_dash-config"[^>]*>(.*?)</script>',
                                  s.get(server.url + "/", timeout=60).text, re.S).group(1))
    assert config["ui"] is False and config["props_check"] is False
    assert "hot_reload" not in config
    assert s.get(server.url + "/_reload-hash", timeout=60).status_code == 404
    r = s.get(server.url + "/gemeente/44021/../../nope%ZZ", timeout=60)
    assert "Traceback" not in r.text and "Werkzeug" not in r.text


# -- trusted-header mode -------------------------------------------------------------------------

def test_trusted_header_mode(warehouse_path, tmp_path):
    headers = {"X-Remote-User": "marie@ocmw-gent.be", "X-Remote-Role": "ocmw",
               "X-Remote-Nis": OWN, "X-Forwarded-For": "203.0.113.9"}
    srv = SUPPORT.Server(warehouse_path, workers=1, extra_env={
        "LEEFLOON_AUTH_MODE": "trusted-header", "LEEFLOON_TRUSTED_PROXIES": "127.0.0.1"})
    try:
        s = requests.Session()
        s.headers.update(headers)
        assert s.get(srv.url + "/", timeout=60).status_code == 200
        tree, _ = render(s, srv, f"/gemeente/{OTHER}", "?period=2024-Q2")
        assert by_id(tree, "mun-detail-denied") and not graphs(tree)
        assert post(s, srv, download_payload("mun-trend", page_store(OTHER))).status_code == 403
        assert post(s, srv, download_payload("mun-trend", page_store(OWN))).status_code == 200
        entry = srv.audit().read(limit=1, event="download")[0]
        assert (entry["username"], entry["scope"], entry["remote_addr"]) == (
            "marie@ocmw-gent.be", OWN, "203.0.113.9")
        r = post(s, srv, account_payload({"page": "", "lang": "nl"}))
        assert "Afmelden" not in r.text and "marie@ocmw-gent.be" in r.text
        # without the headers, or with a role the dashboard does not know: refused
        assert requests.get(srv.url + "/", timeout=60).status_code == 403
        assert requests.get(srv.url + "/", headers={**headers, "X-Remote-Role": "root"},
                            timeout=60).status_code == 403
        assert requests.get(srv.url + "/login", timeout=60).status_code == 404
        assert requests.get(srv.url + "/health", timeout=60).status_code == 200
    finally:
        srv.stop()
    # the same headers from an address that is not a configured proxy count for nothing
    srv = SUPPORT.Server(warehouse_path, workers=1, app_dir=tmp_path, extra_env={
        "LEEFLOON_AUTH_MODE": "trusted-header", "LEEFLOON_TRUSTED_PROXIES": "192.0.2.10"})
    try:
        assert requests.get(srv.url + "/", headers=headers, timeout=60).status_code == 403
        r = requests.post(srv.url + "/_dash-update-component", headers=headers, timeout=60,
                          json=SUPPORT.router_payload(f"/gemeente/{OWN}"))
        assert r.status_code == 403 and "leefloon" not in r.text.lower()
    finally:
        srv.stop()


def test_a_bad_secret_key_stops_the_server(warehouse_path):
    with pytest.raises(RuntimeError, match="gunicorn exited"):
        SUPPORT.Server(warehouse_path, workers=1, extra_env={"LEEFLOON_SECRET_KEY": "too short"})
