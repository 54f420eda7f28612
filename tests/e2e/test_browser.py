"""End to end in a real headless Chromium against a real gunicorn.

Logs in through the login form (as the analyst), opens a municipality page (cards ==
``python -m etl export --benchmark``), changes the period (and goes back), downloads a
CSV, clicks the map, and checks the 404; an OCMW user sees another municipality's
headline but not its detail; the admin pages. Every test fails on a Content-Security-
Policy violation in the browser's console. Writes screenshots of the main pages to
docs/screenshots/.
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

pytestmark = pytest.mark.e2e
SUPPORT = sys.modules["leefloon_test_support"]
SHOTS = SUPPORT.ROOT / "docs" / "screenshots"
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--window-size=1400,1000"]

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from dashboard import fmt  # noqa: E402


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def driver(downloads, server):
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("chromium and chromium-driver are not installed")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in FLAGS:
        opts.add_argument(flag)
    opts.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                           "download.prompt_for_download": False})
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    d.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    d.set_page_load_timeout(60)
    try:
        browser_login(d, server, "analist")
        yield d
    finally:
        d.quit()


def wait(driver, cond, timeout=30):
    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(cond)


def browser_login(driver, server, username):
    """Log in through the login form, as a person would (any earlier session ends)."""
    driver.get(server.url + "/health")  # on the site (cookies are per site), cheaply
    driver.delete_all_cookies()
    driver.get(server.url + "/login")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(SUPPORT.PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "#login-form button[type=submit]").click()
    wait(driver, lambda d: "/login" not in d.current_url)
    wait(driver, lambda d: d.find_elements(By.ID, "app-account-name"))
    assert username in driver.find_element(By.ID, "app-account-name").text


def csp_violations(driver) -> list[str]:
    """Console messages about the Content-Security-Policy since the last call."""
    return [e["message"] for e in driver.get_log("browser")
            if "Content Security Policy" in e["message"] or "Content-Security-Policy" in e["message"]]


@pytest.fixture(autouse=True)
def no_csp_violations(driver):
    csp_violations(driver)  # forget what came before this test
    yield
    assert csp_violations(driver) == []


READ_CARDS = """return Array.from(document.querySelectorAll('.kpi-value[data-indicator]')).map(
    e => [e.dataset.indicator, e.innerText.trim(), e.dataset.value, e.dataset.period]);"""


def read_cards(driver) -> list:
    return driver.execute_script(READ_CARDS)


def cards(driver) -> dict[str, tuple[str, str]]:
    return {k: (text, raw) for k, text, raw, _ in read_cards(driver)}


def wait_cards(driver, period=None):
    def ready(d):
        rows = read_cards(d)
        if len(rows) != 5:
            return False
        if period is not None and {r[3] for r in rows} != {period}:
            return False
        return {k: (text, raw) for k, text, raw, _ in rows}

    return wait(driver, ready)


def export_row(warehouse, nis, period) -> pd.Series:
    cli = SUPPORT.run_etl("export", "--db", str(warehouse), "--benchmark", nis, "--period", period)
    assert cli.returncode == 0, cli.stderr
    return pd.read_csv(io.StringIO(cli.stdout), dtype={"code": str}).iloc[0]


def assert_cards_equal_export(shown, row):
    for key, (text, raw) in shown.items():
        expected = row[key]
        if pd.isna(expected):
            assert raw == "" and text.startswith(fmt.DASH), key
            continue
        assert float(raw) == pytest.approx(float(expected), abs=5e-7), key
        want = fmt.pct(float(expected)) if key.endswith("_rate") else fmt.count(int(expected))
        assert text == want, (key, text, want)


def shoot(driver, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return document.body.scrollHeight")
    driver.set_window_size(1400, min(height + 40, 5000))
    time.sleep(0.8)
    driver.save_screenshot(str(SHOTS / f"{name}.png"))
    driver.set_window_size(1400, 1000)


def test_municipality_cards_equal_the_export(driver, server, warehouse_path, sample):
    nis, period = sample["nis"], sample["period"]
    driver.get(f"{server.url}/gemeente/{nis}?period={period}")
    shown = wait_cards(driver)
    assert_cards_equal_export(shown, export_row(warehouse_path, nis, period))
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#mun-trend .main-svg"))
    shoot(driver, "municipality")


def test_changing_the_period_updates_url_cards_and_back_works(driver, server, warehouse_path, sample):
    nis, period = sample["nis"], sample["period"]
    driver.get(f"{server.url}/gemeente/{nis}?period={period}")
    before = wait_cards(driver)
    month_label = wait(driver, lambda d: [e for e in d.find_elements(By.CSS_SELECTOR, ".filter-bar label")
                                          if e.text in ("Maand", "Month")])[0]
    month_label.click()
    wait(driver, lambda d: "period=" in d.current_url and "-Q" not in d.current_url)
    new_period = driver.execute_script("return new URLSearchParams(window.location.search).get('period')")
    assert len(new_period) == 7
    shown = wait_cards(driver, new_period)
    time.sleep(0.3)
    assert_cards_equal_export(cards(driver), export_row(warehouse_path, nis, new_period))
    driver.back()
    wait(driver, lambda d: f"period={period}" in d.current_url)
    assert wait_cards(driver, period) == before
    assert shown is not None


def test_download_csv_is_the_export(driver, server, warehouse_path, sample, downloads):
    nis, period = sample["nis"], sample["period"]
    driver.get(f"{server.url}/gemeente/{nis}?period={period}")
    wait_cards(driver)
    toggle = driver.find_element(By.CSS_SELECTOR, "#mun-kpis .download-menu .dropdown-toggle")
    toggle.click()
    item = wait(driver, lambda d: [e for e in d.find_elements(By.CSS_SELECTOR, "#mun-kpis .dropdown-item")
                                   if e.text == "CSV"])[0]
    item.click()
    target = downloads / f"mun-kpi_{nis}_{period}.csv"
    wait(driver, lambda d: target.exists() and target.stat().st_size > 0)
    cli = SUPPORT.run_etl("export", "--db", str(warehouse_path), "--benchmark", nis, "--period", period)
    assert target.read_text(encoding="utf-8") == cli.stdout
    # the Belgian Excel variant equals the export's --excel
    toggle.click()
    wait(driver, lambda d: [e for e in d.find_elements(By.CSS_SELECTOR, "#mun-kpis .dropdown-item")
                            if e.text.startswith("CSV voor Excel")])[0].click()
    excel = downloads / f"mun-kpi_{nis}_{period}_excel.csv"
    wait(driver, lambda d: excel.exists() and excel.stat().st_size > 0)
    cli_x = SUPPORT.run_etl("export", "--db", str(warehouse_path), "--benchmark", nis, "--period",
                            period, "--excel", "--out", str(downloads / "cli_excel.csv"))
    assert cli_x.returncode == 0, cli_x.stderr
    assert excel.read_bytes() == (downloads / "cli_excel.csv").read_bytes()


def test_clicking_the_map_opens_the_municipality(driver, server):
    driver.get(server.url + "/")
    paths = wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#ov-map-card path.choroplethlocation"))
    assert len(paths) >= 285
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".ag-row"))
    shoot(driver, "overview")
    driver.execute_script("window.scrollTo(0, 0)")
    sizes = sorted(paths, key=lambda p: -(p.size["width"] * p.size["height"]))
    webdriver.ActionChains(driver).move_to_element(sizes[0]).pause(0.2).click().perform()
    wait(driver, lambda d: "/gemeente/" in d.current_url)
    wait_cards(driver)


GRID_COUNTS = """
const api = dash_ag_grid.getApi('ov-grid');
let all = [], shown = 0;
api.forEachNode(n => all.push(n.data.registration_rate));
api.forEachNodeAfterFilter(() => shown += 1);
return [all, shown];"""


@pytest.mark.parametrize("typed, threshold", [("30", 30.0), ("30,5", 30.5), ("0,5", 0.5)])
def test_the_table_filters_on_the_percentages_it_shows(driver, server, typed, threshold):
    """An analyst types a rate as shown (30 for 30 %, a decimal comma): the table keeps the
    municipalities at or above it."""
    driver.get(server.url + "/?period=2024&indicator=registration_rate")
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#ov-grid .ag-row"))
    box = wait(driver, lambda d: d.find_elements(
        By.CSS_SELECTOR, '.ag-floating-filter[col-id="registration_rate"] input, '
                         '.ag-header-row-column-filter [col-id="registration_rate"] input'))[0]
    box.send_keys(typed)
    rates, _ = driver.execute_script(GRID_COUNTS)
    expected = sum(1 for r in rates if r is not None and round(r * 1000) / 10 >= threshold)
    assert 0 < expected < len(rates)
    wait(driver, lambda d: d.execute_script(GRID_COUNTS)[1] == expected)


def test_area_page_draws_ranking_map_and_trend(driver, server):
    driver.get(server.url + "/provincie/70000")
    wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR,
                                                "#area-map-card path.choroplethlocation")) == 38)
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#area-ranking .main-svg"))
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#area-trend .main-svg"))


def test_unknown_nis_gives_a_friendly_404_with_search(driver, server):
    driver.get(server.url + "/gemeente/99999")
    wait(driver, lambda d: d.find_elements(By.ID, "not-found"))
    assert "99999" in driver.find_element(By.ID, "not-found").text
    box = driver.find_element(By.CSS_SELECTOR, "#not-found .search-box")
    box.click()
    field = wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "input.dash-dropdown-search"))[0]
    field.send_keys("Gent")
    option = wait(driver, lambda d: [o for o in d.find_elements(By.CSS_SELECTOR, "[role=option]")
                                     if o.text.strip() == "Gent"])[0]
    option.click()
    wait(driver, lambda d: "/gemeente/44021" in d.current_url)
    wait_cards(driver)


def test_keyboard_skip_link_and_definitions(driver, server):
    driver.get(server.url + "/definities?nis=11002")
    wait(driver, lambda d: d.find_elements(By.ID, "def-version"))
    shoot(driver, "definities")
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    assert driver.switch_to.active_element.text in ("Naar de inhoud", "Skip to content")
    assert "Antwerpen" in driver.find_element(By.ID, "def-groups").text


def test_ocmw_user_sees_headline_but_not_detail_elsewhere(driver, server, warehouse_path, sample):
    period = sample["period"]
    try:
        browser_login(driver, server, "gent")
        assert "OCMW 44021" in driver.find_element(By.ID, "app-account-name").text
        driver.get(f"{server.url}/gemeente/11002?period={period}")
        shown = wait_cards(driver)  # the headline cards of another municipality: yes
        assert_cards_equal_export(shown, export_row(warehouse_path, "11002", period))
        notice = wait(driver, lambda d: d.find_elements(By.ID, "mun-detail-denied"))[0]
        assert "enkel zichtbaar voor medewerkers van deze gemeente" in notice.text
        for section in ("mun-trend", "mun-funnel", "mun-breakdown", "mun-cities", "mun-outflow"):
            assert not driver.find_elements(By.ID, section)
        shoot(driver, "municipality_other_ocmw")
        driver.get(f"{server.url}/gemeente/44021?period={period}")  # its own: everything
        wait_cards(driver)
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#mun-outflow .main-svg"))
        assert not driver.find_elements(By.ID, "mun-detail-denied")
        driver.find_element(By.ID, "app-logout").click()
        wait(driver, lambda d: "/login" in d.current_url)
        assert "afgemeld" in driver.find_element(By.TAG_NAME, "main").text
        driver.get(f"{server.url}/gemeente/44021")
        wait(driver, lambda d: "/login?next=" in d.current_url)
    finally:
        browser_login(driver, server, "analist")


def test_an_ended_session_leads_to_the_login_page(driver, server, sample):
    nis, period = sample["nis"], sample["period"]
    try:
        driver.get(f"{server.url}/gemeente/{nis}?period={period}")
        wait_cards(driver)
        driver.delete_cookie("leefloon_session")  # as when the 8 hours are over
        wait(driver, lambda d: [e for e in d.find_elements(By.CSS_SELECTOR, ".filter-bar label")
                                if e.text in ("Maand", "Month")])[0].click()
        wait(driver, lambda d: "/login?next=" in d.current_url)
        assert driver.find_element(By.ID, "login-form")
        driver.find_element(By.ID, "username").send_keys("analist")
        driver.find_element(By.ID, "password").send_keys(SUPPORT.PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "#login-form button[type=submit]").click()
        wait(driver, lambda d: f"/gemeente/{nis}?period={period}" in d.current_url)
        wait_cards(driver, period)
    finally:
        browser_login(driver, server, "analist")


def test_admin_pages(driver, server):
    try:
        browser_login(driver, server, "beheerder")
        driver.find_element(By.ID, "app-admin-link").click()
        wait(driver, lambda d: d.find_elements(By.ID, "users-table"))
        names = [e.get_attribute("data-username")
                 for e in driver.find_elements(By.CSS_SELECTOR, "#users-table tbody tr")]
        assert {"analist", "gent", "beheerder"} <= set(names)
        driver.find_element(By.LINK_TEXT, "Auditlog").click()
        wait(driver, lambda d: d.find_elements(By.ID, "audit-table"))
        events = {e.get_attribute("data-event")
                  for e in driver.find_elements(By.CSS_SELECTOR, "#audit-table tbody tr")}
        assert "login" in events
        shoot(driver, "audit")
    finally:
        browser_login(driver, server, "analist")
