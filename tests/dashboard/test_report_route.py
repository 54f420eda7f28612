"""The printable report on screen: the same report as ``python -m etl report``, gated and audited."""

from __future__ import annotations

import json

import pytest


@pytest.fixture(scope="module")
def as_gent(server):
    s = server.session("gent")
    yield s
    s.close()


def test_the_report_of_the_own_municipality_is_served_and_audited(server, as_gent, sample):
    r = as_gent.get(f"{server.url}/rapport/44021?period={sample['period']}", timeout=60)
    assert r.status_code == 200 and "text/html" in r.headers["Content-Type"]
    assert "Gent" in r.text and "person_id" not in r.text
    entries = server.audit().read(limit=None, username="gent", event="download")
    details = [json.loads(e["detail"]) if isinstance(e["detail"], str) else e["detail"] for e in entries]
    assert any(d.get("view") == "report" and d.get("nis") == "44021" for d in details)


def test_another_municipality_s_report_is_refused(server, as_gent, sample):
    r = as_gent.get(f"{server.url}/rapport/11002?period={sample['period']}", timeout=60)
    assert r.status_code == 403 and "Antwerpen" not in r.text


def test_a_bad_period_is_a_clear_404(server, sample):
    analyst = server.session("analist")
    r = analyst.get(f"{server.url}/rapport/44021?period=1999", timeout=60)
    assert r.status_code == 404 and "1999" in r.text
