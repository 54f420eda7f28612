"""Fixtures shared by the dashboard and end-to-end tests: a warehouse built by the real ETL
on small data, a real gunicorn, and a sample municipality and period. Each conftest imports them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_NAME = "leefloon_test_support"
if _NAME not in sys.modules:
    _spec = importlib.util.spec_from_file_location(_NAME, Path(__file__).parent / "dashboard" / "support.py")
    _mod = importlib.util.module_from_spec(_spec)
    sys.modules[_NAME] = _mod
    _spec.loader.exec_module(_mod)
support = sys.modules[_NAME]


@pytest.fixture(scope="session")
def warehouse_path() -> Path:
    return support.build_warehouse()


@pytest.fixture(scope="session")
def warehouse_env(warehouse_path):
    """Point the in-process dashboard at the test warehouse."""
    mp = pytest.MonkeyPatch()
    mp.setenv("LEEFLOON_WAREHOUSE", str(warehouse_path))
    from dashboard import queries

    queries.clear_cache()
    yield warehouse_path
    mp.undo()


@pytest.fixture(scope="session")
def server(warehouse_path):
    srv = support.Server(warehouse_path)
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def sample(warehouse_env):
    """A municipality and period with data: the biggest municipality in the latest complete
    quarter whose 12-month follow-up is observed (so every card has a value)."""
    from dashboard import queries

    periods = queries.periods()
    quarters = periods[(periods.period_type == "quarter") & periods.is_complete.astype(bool)]
    period_type, period = "quarter", quarters.iloc[-1]["period"]
    for p in reversed(list(quarters.period)):
        fl = queries.level_rows("flanders", p)
        if fl["work_12m_rate"].notna().all():
            period = p
            break
    rows = queries.level_rows("municipality", period)
    nis = rows.sort_values("person_months", ascending=False).iloc[0]["code"]
    return {"nis": nis, "period": period, "period_type": period_type}
