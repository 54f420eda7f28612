"""/provincie/<code>: drill-down into a province."""

from __future__ import annotations

import dash

from dashboard.components import shell
from dashboard.pages.area import area_layout



def layout(code: str | None = None, **kwargs):
    return _layout(code=code, **kwargs)


@shell.guarded(lambda code=None, **_: f"/provincie/{code}")
def _layout(code: str | None = None, **kwargs):
    return area_layout("province", code, **kwargs)


dash.register_page(__name__, path_template="/provincie/<code>", name="Provincie",
                   title=lambda code=None, **_: "Provincie – Leefloon en activering", layout=layout)
