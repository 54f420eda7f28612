"""The friendly 404: unknown paths and unknown NIS codes, with a search box."""

from __future__ import annotations

import dash

from dashboard import db, i18n
from dashboard.components import messages, shell



def page(lang: str, path: str, query: dict, nis: str | None = None):
    text = i18n.t("nf_nis", lang, nis=nis) if nis is not None else i18n.t("nf_text", lang)
    try:
        search = shell.search_box(lang, "notfound")
    except db.NoWarehouse:  # pragma: no cover - search_box handles it
        search = None
    body = messages.not_found(lang, text, search)
    return shell.frame(None, lang, path, query, body)


def layout(**kwargs):
    lang = i18n.lang_of(kwargs.get("lang"))
    query = {k: v for k, v in kwargs.items() if isinstance(v, str)}
    return page(lang, "/404", query)


dash.register_page(__name__, path="/404", name="Niet gevonden", title="Niet gevonden", layout=layout)
