"""The dashboard app: ``gunicorn app:server -c gunicorn.conf.py`` (or ``python app.py`` to develop).

No database is touched at import time: each worker opens the warehouse on its
first request (after gunicorn forks). The app database (users, audit log) is SQLite,
one connection per thread, opened lazily too. Dash's dev tools are only turned on by
``python app.py`` with ``LEEFLOON_ENV=development``; never under gunicorn.
"""

from __future__ import annotations

import gc

import dash
from dash import Dash, dcc, html

from dashboard import access, config, figures  # noqa: F401  (registers the Plotly template)
from dashboard import ids, report_route, server as routes
from dashboard.components import shell

app = Dash(
    __name__,
    use_pages=True,
    pages_folder="",
    assets_folder=str(config.PROJECT_ROOT / "assets"),
    external_stylesheets=[],
    external_scripts=[],
    serve_locally=True,
    suppress_callback_exceptions=True,
    title="Leefloon en activering",
    update_title=None,
    meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"},
               {"name": "description", "content": "Leefloon en activering: OCMW's vergeleken"}],
)
app.index_string = app.index_string.replace("<html>", '<html lang="nl">')

# pages register themselves; importing them after the app exists
from dashboard.pages import (  # noqa: E402,F401
    analysis, area, definitions, municipality, not_found_404, overview, province, region,
)
from dashboard import callbacks  # noqa: E402,F401

app.layout = html.Div([
    dash.page_container,
    dcc.Download(id=ids.DOWNLOAD),
])

server = app.server
routes.install(server)
# login, sessions, the admin pages, security headers; refuses anonymous requests before
# anything else runs. Reads the settings now: a bad secret key stops the worker.
access.install(app)
report_route.install(server)


# Dash sets itself up on its first request (callbacks, scripts), but marks that done
# before it is: with several threads per worker, a callback arriving alongside the first
# request found no callback and failed. Set up now, once per worker, before any request.
# That also registers the scripts, so a worker serves them before it rendered an index.
with server.test_request_context("/"):
    app._setup_server()
shell.shared_drawings()  # hashes the code once now, not in a user's first request

# Everything imported so far lives as long as the worker: keep it out of the garbage
# collector's full passes, which otherwise walk it all and stall a request now and then.
gc.freeze()


if __name__ == "__main__":
    host, _, port = config.bind().rpartition(":")
    # no version check: it would call plotly.com (the CSP's connect-src refuses it anyway)
    app.run(host=host or "127.0.0.1", port=int(port), debug=config.debug(),
            dev_tools_disable_version_check=True)
