"""/regio/<code>: drill-down into a region (referentieregio by default)."""

from __future__ import annotations

import dash

from dashboard.components import shell
from dashboard.pages.area import area_layout



def layout(code: str | None = None, **kwargs):
    return _layout(code=code, **kwargs)


@shell.guarded(lambda code=None, **_: f"/regio/{code}")
def _layout(code: str | None = None, **kwargs):
    return area_layout("region", code, **kwargs)


dash.register_page(__name__, path_template="/regio/<code>", name="Regio",
                   title=lambda code=None, **_: "Regio – Leefloon en activering", layout=layout)
