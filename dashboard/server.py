"""Plain Flask routes beside Dash: /health, the map boundaries, gzip and 404 statuses.
(Login, logout, the admin pages and the security headers: ``dashboard.access``.)"""

from __future__ import annotations

import gzip
import json
import re
import threading
from functools import lru_cache

from flask import Flask, Response, jsonify, request

from dashboard import config, db, queries
from dashboard.auth.scope import AccessDenied

GZIP_TYPES = ("application/json", "text/html", "application/javascript", "text/javascript",
              "text/css", "application/geo+json")
GZIP_MIN_BYTES = 1400
_gzip_cache: dict[str, bytes] = {}
_gzip_lock = threading.Lock()
EMPTY_TOPOLOGY = {"type": "Topology", "objects": {}, "arcs": []}
PAGE_PATHS = {"/", "/definities", "/404"}
AREA_PATH = re.compile(r"^/(gemeente|analyse|rapport|provincie|regio)/([^/]+)/?$")
SKIP_PREFIXES = ("/_dash", "/_reload", "/_favicon", "/assets/", "/geo/", "/health", "/login",
                 "/logout", "/beheer")


def _round(coords, digits: int = 5):
    if isinstance(coords, (int, float)):
        return round(coords, digits)
    return [_round(c, digits) for c in coords]


@lru_cache(maxsize=4)
def flemish_geojson(name: str) -> bytes:
    """The reference boundaries without Brussels (the dashboard covers Flanders)."""
    path = config.REFERENCE_DIR / f"{name}_2025_flanders_brussels.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    features = [f for f in data["features"] if f["properties"].get("region") == "Flanders"]
    for f in features:
        f["geometry"]["coordinates"] = _round(f["geometry"]["coordinates"])
    return json.dumps({"type": "FeatureCollection", "features": features},
                      separators=(",", ":")).encode("utf-8")


def _status_404(path: str) -> bool:
    """Whether a page URL names nothing we know (unknown NIS, area or path)."""
    if path in PAGE_PATHS:
        return False
    m = AREA_PATH.match(path)
    if not m:
        return True
    kind, code = m.groups()
    try:
        if kind in ("gemeente", "analyse", "rapport"):
            return queries.municipality(code) is None
        level = "province" if kind == "provincie" else "region"
        return queries.area(level, code) is None
    except (db.NoWarehouse, AccessDenied):
        return False


def install(server: Flask) -> None:
    @server.route("/health")
    def health():
        try:
            meta = db.warehouse().meta()
        except db.NoWarehouse as exc:
            return jsonify({"status": "no_data", "message": str(exc),
                            "hint": "make demo, or python -m etl load DIR"}), 503
        return jsonify({
            "status": "ok",
            "data_version": meta.get("data_version"),
            "loaded_at": meta.get("loaded_at"),
            "first_month": meta.get("first_month"),
            "last_month": meta.get("last_month"),
            "last_work_month": meta.get("last_work_month"),
            "months": {"first": meta.get("first_month"), "last": meta.get("last_month")},
        })

    @server.route("/geo/municipalities.geojson")
    def geo_municipalities():
        return _geo("municipalities")

    @server.route("/geo/provinces.geojson")
    def geo_provinces():
        return _geo("provinces")

    @server.route("/geo/topojson/<name>.json")
    def topojson(name: str):
        # plotly.js asks for a base-map topology even with every base layer hidden;
        # an empty one keeps it from reaching for a CDN.
        resp = jsonify(EMPTY_TOPOLOGY)
        resp.headers["Cache-Control"] = "public, max-age=86400"
        return resp

    @server.after_request
    def finish(resp: Response) -> Response:
        if (request.method == "GET" and resp.status_code == 200
                and resp.mimetype == "text/html"
                and not request.path.startswith(SKIP_PREFIXES)
                and _status_404(request.path)):
            resp.status_code = 404
        return _gzip(resp)


def _geo(name: str) -> Response:
    resp = Response(flemish_geojson(name), mimetype="application/geo+json")
    resp.headers["Cache-Control"] = "public, max-age=86400"
    return resp


def _gzip(resp: Response) -> Response:
    if (resp.direct_passthrough or resp.status_code < 200 or resp.status_code >= 300
            or "gzip" not in request.headers.get("Accept-Encoding", "")
            or "Content-Encoding" in resp.headers or resp.mimetype not in GZIP_TYPES):
        return resp
    data = resp.get_data()
    if len(data) < GZIP_MIN_BYTES:
        return resp
    cacheable = "max-age" in resp.headers.get("Cache-Control", "") and request.method == "GET"
    key = f"{request.full_path}|{len(data)}"
    body = _gzip_cache.get(key) if cacheable else None
    if body is None:
        body = gzip.compress(data, compresslevel=6 if len(data) < 2_000_000 else 5)
        if cacheable:
            with _gzip_lock:
                if len(_gzip_cache) > 64:
                    _gzip_cache.clear()
                _gzip_cache[key] = body
    resp.set_data(body)
    resp.headers["Content-Encoding"] = "gzip"
    resp.headers["Content-Length"] = str(len(body))
    resp.headers.add("Vary", "Accept-Encoding")
    return resp
