"""Fixtures for the end-to-end tests: the same warehouse and a real gunicorn."""

from tests.web_fixtures import sample, server, support, warehouse_env, warehouse_path  # noqa: F401
