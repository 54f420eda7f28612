"""Three plain-Dutch sentences on where a municipality stands, generated from the numbers.

Neutral on purpose: they give the municipality's value, the benchmark's value and
the difference in percentage points, and say whether the difference is
statistically significant (p < 0.05 in the export's two-proportion test against
the group, or against the rest of the group when it contains the municipality,
docs/statistics.md). They never call a value good or bad. Suppressed values give
"te weinig personen om te vergelijken" instead of a number.
"""

from __future__ import annotations

from etl.report import nlfmt
from etl.report.model import HIDDEN, NONE, NOT_KNOWN, OK, Cell, MunicipalityReport, rate_cell

ALPHA = 0.05


def significance_sentence(diff_points: float, p_value: float | None) -> str:
    diff = nlfmt.pp(diff_points)
    if p_value is None:
        return f"Het verschil ({diff}) kan niet statistisch getoetst worden."
    if p_value < ALPHA:
        return f"Het verschil ({diff}) is statistisch significant."
    return f"Het verschil ({diff}) is niet significant."


def group_phrase(rep: MunicipalityReport, kind: str) -> str:
    """``in Vlaanderen``, ``in de nabije centrumsteden (Aalst, Oudenaarde en Eeklo)``, ..."""
    if kind == "flanders":
        return "in Vlaanderen"
    if kind == "centre_cities":
        names = rep.centre_city_names()
        return "in de nabije centrumsteden" + (f" ({nlfmt.join_names(names)})" if names else "")
    if kind == "region":
        groups = rep.groups("region")
        name = groups[0]["area_name"] if groups else ""
        if name.lower().startswith(("regio", "regiegebied")):
            return f"in {name}"
        return f"in de regio {name}"
    if kind == "province":
        groups = rep.groups("province")
        return f"in de provincie {groups[0]['area_name']}" if groups else "in de provincie"
    raise ValueError(f"unknown group kind {kind!r}")


def _too_few(rep: MunicipalityReport, what: str, where: str | None = None) -> str:
    k = rep.ctx.k
    if where is None:
        return (f"Voor {what} zijn er in {rep.name} te weinig personen om te vergelijken "
                f"(verborgen: minder dan {k} personen).")
    return (f"Voor {what} zijn er {where} te weinig personen om te vergelijken "
            f"(verborgen: minder dan {k} personen).")


def _comparison(rep: MunicipalityReport, rate: str, kind: str, what: str, statement) -> str:
    """One sentence comparing ``rate`` of the municipality with group ``kind``."""
    own = rate_cell(rep.row("municipality"), rate)
    where = group_phrase(rep, kind)
    if own.state == HIDDEN:
        return _too_few(rep, what)
    if own.state != OK:
        return f"Voor {what} is er in {rep.name} in deze periode niets te vergelijken."
    other: Cell = rate_cell(rep.row(kind), rate)
    if other.state != OK:
        return _too_few(rep, what, where)
    diff = nlfmt.pp_value(own.value, other.value)
    return f"{statement(nlfmt.pct(own.value), where, nlfmt.pct(other.value))} " \
           f"{significance_sentence(diff, other.p_value)}"


def work_sentence(rep: MunicipalityReport) -> str:
    """Work within 12 months (or 6 months when 12 is not known yet) against Flanders."""
    p = rep.ctx.period
    when = nlfmt.period_phrase(p.period_type, p.period)
    own = rep.row("municipality")
    if rate_cell(own, "registration_rate").state == NONE:
        return f"{when} had {rep.name} geen leefloners."
    for h in (12, 6):
        rate = f"work_{h}m_rate"
        cell = rate_cell(own, rate)
        if cell.state != NOT_KNOWN:
            break
    else:
        return (f"Of de leefloners van {rep.name} uit {nlfmt.period_noun(p.period_type, p.period)} binnen 6 of 12 "
                "maanden werk vonden, is nog niet gekend: de opvolging loopt nog.")

    def statement(x, where, y):
        return f"{when} vond {x} van de leefloners van {rep.name} binnen {h} maanden werk; {where} was dat {y}."

    return _comparison(rep, rate, "flanders", f"werk binnen {h} maanden", statement)


def registration_sentence(rep: MunicipalityReport) -> str:
    """Registration at VDAB against the nearby centre cities (the region if there are none)."""
    kind = "centre_cities" if rep.row("centre_cities") is not None else "region"

    def statement(x, where, y):
        return f"Bij VDAB was {x} van de leefloners van {rep.name} ingeschreven; {where} was dat {y}."

    return _comparison(rep, "registration_rate", kind, "de inschrijving bij VDAB", statement)


def guidance_sentence(rep: MunicipalityReport) -> str:
    """Guidance, training or work experience against the region."""

    def statement(x, where, y):
        return (f"In begeleiding, opleiding of werkervaring bij VDAB was {x} van de leefloners van "
                f"{rep.name}; {where} was dat {y}.")

    return _comparison(rep, "guidance_rate", "region", "begeleiding, opleiding of werkervaring",
                       statement)


def sentences(rep: MunicipalityReport) -> list[str]:
    """The three sentences, in the order they are printed."""
    if rep._sentences is None:
        rep._sentences = [work_sentence(rep), registration_sentence(rep), guidance_sentence(rep)]
    return list(rep._sentences)
