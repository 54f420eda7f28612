"""``/rapport/<nis>?period=P``: the printable one-page report of a municipality.

The same report as ``python -m etl report`` (``etl.report``), for the municipality on
screen. It holds the trend and the funnel, so it is detail: the access gate in
``dashboard.queries`` decides, and every report served is audited as a download.
"""

from __future__ import annotations

from flask import Flask, Response, request

from dashboard import access, queries
from etl.definitions import Definition
from etl.report import ReportError


def install(server: Flask) -> None:
    @server.get("/rapport/<nis>")
    def municipality_report(nis: str):
        period = request.args.get("period", "")
        definition = Definition(include_ell=request.args.get("ell", "1") != "0",
                                art60_is_work=request.args.get("art60", "1") != "0")
        what = {"view": "report", "nis": nis, "period": period,
                "definition": definition.label("en"), "format": "html"}
        access.audit_context(**what)
        try:
            html = queries.report_html(nis, period, definition)
        except ReportError as exc:
            return Response(str(exc), status=404, mimetype="text/plain")
        access.audit("download", what)
        return Response(html, mimetype="text/html")
