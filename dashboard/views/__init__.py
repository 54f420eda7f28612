"""Views: for each chart or table, the rows it shows.

A view function takes the page context and returns a ``View``: the CSV rows
(downloads use exactly these), a formatted display table (the chart's table
alternative) and the data the figure builder draws. Pages and the download
callback call the same function, so a download is exactly what is on screen.
"""

from __future__ import annotations

from typing import Callable

from dashboard.views.common import Ctx, View

REGISTRY: dict[str, Callable[[Ctx], View]] = {}


def register(*names: str):
    """Register a view under each name: one view shown in two cards of a page (a map and
    a table of the same rows) needs a name per card, since a page holds each download
    button's id once."""
    def deco(fn: Callable[[Ctx], View]) -> Callable[[Ctx], View]:
        for name in names:
            REGISTRY[name] = fn
        return fn

    return deco


def get(name: str) -> Callable[[Ctx], View] | None:
    # import the view modules so they register themselves
    from dashboard.views import area, municipality, overview  # noqa: F401

    return REGISTRY.get(name)
