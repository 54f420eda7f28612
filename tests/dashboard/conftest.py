"""Fixtures for the dashboard tests: a warehouse built by the real ETL on small data."""

from tests.web_fixtures import sample, server, support, warehouse_env, warehouse_path  # noqa: F401
