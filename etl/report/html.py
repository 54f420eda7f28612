"""The printable one-page report: one self-contained HTML file (inline CSS and SVG).

Plain string templates; nothing is loaded from elsewhere, so the file prints the same
offline, in a browser, in the dashboard or through headless Chromium (``pdf.py``).
The page is A4 portrait; ``tests/etl/test_report.py`` renders it to PDF and checks
that it stays one page.
"""

from __future__ import annotations

from html import escape

from etl.report import nlfmt, svg
from etl.report.model import HIDDEN, NONE, NOT_KNOWN, OK, MunicipalityReport, count_cell, rate_cell
from etl.report.sentences import ALPHA, sentences
from etl.report.texts import INDICATOR_NAMES, definition_texts

BENCH_KINDS = ("centre_cities", "region", "flanders")
TREND_RATES = ("registration_rate", "guidance_rate", "work_12m_rate")
FUNNEL = (("leefloners", "Leefloners"), ("registration_rate", "Ingeschreven bij VDAB"),
          ("guidance_rate", "In begeleiding,\nopleiding, werkervaring"),
          ("work_6m_rate", "Werk binnen 6 maanden"), ("work_12m_rate", "Werk binnen 12 maanden"))

CSS = """
@page { size: A4 portrait; margin: 11mm 12mm 10mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: "Liberation Sans", Arial, "DejaVu Sans", sans-serif;
       font-size: 8pt; line-height: 1.3; color: #1b1b1b; background: #fff; }
.page { width: 186mm; margin: 0 auto; }
@media screen {
  body { background: #e9ecef; }
  .page { background: #fff; padding: 11mm 12mm 10mm; width: 210mm; margin: 6mm auto;
          box-shadow: 0 1px 4px rgba(0,0,0,.25); }
}
header { display: flex; justify-content: space-between; align-items: flex-end; gap: 4mm;
         border-bottom: 0.6mm solid #0072B2; padding-bottom: 1.4mm; margin-bottom: 2.2mm; }
h1 { font-size: 16pt; line-height: 1.1; margin: 0; color: #003f63; }
.kicker { font-size: 8pt; text-transform: uppercase; letter-spacing: .06em; color: #0072B2; margin: 0 0 .6mm; }
.sub { margin: .8mm 0 0; color: #444; }
.hmeta { text-align: right; color: #555; font-size: 7.4pt; line-height: 1.35; }
h2 { font-size: 10pt; margin: 0 0 1.2mm; color: #003f63; }
section { margin-bottom: 2.6mm; break-inside: avoid; }
.count { margin: 0 0 1.2mm; font-size: 8.5pt; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 2mm; }
.cards > * { min-width: 0; }
.card { border: 0.3mm solid #cfd4d9; border-radius: 1.4mm; padding: 1.6mm 2mm 1.3mm; }
.card h3 { font-size: 7.6pt; line-height: 1.2; margin: 0 0 .5mm; color: #333; font-weight: bold;
           min-height: 6.2mm; }
.big { font-size: 14pt; font-weight: bold; color: #0072B2; line-height: 1.15; white-space: nowrap; }
.big.muted { font-size: 8pt; color: #6b6b6b; font-weight: normal; white-space: normal; line-height: 1.2; }
.ci, .small { font-size: 6.4pt; color: #5c5c5c; }
table.bench { width: 100%; border-collapse: collapse; margin-top: .8mm; font-size: 6.8pt;
               line-height: 1.15; }
table.bench th { text-align: left; font-weight: normal; color: #444; padding: .4mm 0; }
table.bench td { text-align: right; padding: .4mm 0 .4mm 1mm; white-space: nowrap; }
table.bench td.diff { color: #444; font-size: 6.3pt; }
table.bench td.hid { white-space: normal; color: #6b6b6b; font-size: 6.3pt; }
table.bench tr + tr { border-top: 0.2mm solid #eceff1; }
.sentences { margin: 0; padding-left: 4.4mm; font-size: 8.5pt; line-height: 1.35; }
.sentences li { margin-bottom: .6mm; }
.legend { display: flex; flex-wrap: wrap; gap: .6mm 4mm; font-size: 6.8pt; margin-bottom: .6mm; }
.legend span { display: inline-flex; align-items: center; gap: 1mm; }
.legend .hl { display: inline-block; width: 3.2mm; height: 2.6mm; background: #fdf0c2; }
.panels { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 2mm; }
svg.chart { width: 100%; height: auto; display: block; }
svg .ct { font-size: 6.6px; font-weight: bold; fill: #222; }
svg .ax { font-size: 5.2px; fill: #555; }
svg .ax.yr { fill: #222; }
svg .fl { font-size: 5.6px; fill: #222; }
svg .bv { font-size: 5.2px; fill: #222; }
.two { display: grid; grid-template-columns: 1.5fr 1fr; gap: 4mm; }
.groups { font-size: 7.4pt; }
.groups p { margin: 0 0 .8mm; }
.note { font-size: 6.6pt; color: #444; margin: .5mm 0 0; line-height: 1.25; }
.warn { background: #fff4d6; border-left: 1mm solid #e69f00; padding: 1mm 2mm; margin-bottom: 2.4mm; }
footer { border-top: 0.3mm solid #cfd4d9; padding-top: 1.2mm; font-size: 6.3pt; color: #444;
         line-height: 1.25; }
footer p { margin: 0 0 .6mm; }
footer dl { display: grid; grid-template-columns: auto 1fr; gap: .1mm 2mm; margin: 0 0 .7mm; }
footer dt { font-weight: bold; } footer dd { margin: 0; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
           clip: rect(0,0,0,0); white-space: nowrap; border: 0; }
@media print { .sr-only { display: none; } .page { width: auto; } }
"""


def hidden_text(k: int) -> str:
    return f"verborgen (minder dan {k} personen)"


def cell_text(state: str, value: float | None, k: int, rate: bool = True, work: bool = False) -> str:
    if state == OK:
        return nlfmt.pct(value) if rate else nlfmt.count(value)
    if state == HIDDEN:
        return hidden_text(k)
    if state == NOT_KNOWN:
        return "nog niet gekend"
    return "geen leefloners" if not work else "–"


def _bench_label(rep: MunicipalityReport, kind: str) -> str:
    if kind == "centre_cities":
        return "Nabije centrumsteden"
    if kind == "flanders":
        return "Vlaanderen"
    groups = rep.groups(kind)
    return groups[0]["area_name"] if groups else kind


def _rate_card(rep: MunicipalityReport, rate: str) -> str:
    k = rep.ctx.k
    own = rate_cell(rep.row("municipality"), rate)
    parts = [f'<div class="card"><h3>{escape(INDICATOR_NAMES[rate])}</h3>']
    if own.state == OK:
        parts.append(f'<div class="big">{nlfmt.pct(own.value)}</div>')
        if own.lo is not None and own.hi is not None:
            parts.append(f'<div class="ci">95 %-interval: '
                         f'{nlfmt.number(own.lo * 100, 1)}–{nlfmt.pct(own.hi)}</div>')
    else:
        text = cell_text(own.state, own.value, k, work=rate.startswith("work"))
        if own.state == NOT_KNOWN:
            text += ": de opvolging loopt nog"
        parts.append(f'<div class="big muted">{escape(text)}</div>')
    parts.append('<table class="bench">')
    for kind in BENCH_KINDS:
        row = rep.row(kind)
        if row is None:
            continue
        cell = rate_cell(row, rate)
        label = escape(_bench_label(rep, kind))
        if cell.state == OK:
            diff = ""
            if own.state == OK:
                d = nlfmt.pp(nlfmt.pp_value(own.value, cell.value), short=True)
                star = "*" if cell.p_value is not None and cell.p_value < ALPHA else ""
                diff = f"{d}{star}"
            parts.append(f'<tr><th>{label}</th><td>{nlfmt.pct(cell.value)}</td>'
                         f'<td class="diff">{diff}</td></tr>')
        else:
            text = cell_text(cell.state, cell.value, k, work=rate.startswith("work"))
            parts.append(f'<tr><th>{label}</th><td class="hid" colspan="2">{escape(text)}</td></tr>')
    parts.append("</table></div>")
    return "".join(parts)


def _count_line(rep: MunicipalityReport) -> str:
    """The number of leefloners and benefit months, above the cards."""
    k = rep.ctx.k
    row = rep.row("municipality")
    persons, months = count_cell(row, "leefloners"), count_cell(row, "person_months")
    p = rep.ctx.period
    when = escape(nlfmt.period_noun(p.period_type, p.period)) + ("" if p.is_complete else " (onvolledig)")
    if persons.state != OK:
        return f'<p class="count"><b>Leefloners</b> in {when}: {escape(hidden_text(k))}.</p>'
    if persons.value == 0:
        return f'<p class="count"><b>Leefloners</b> in {when}: geen.</p>'
    extra = (f", samen <b>{nlfmt.count(months.value)}</b> leefloonmaanden" if months.state == OK else "")
    return (f'<p class="count"><b>Leefloners</b> in {when}: <b>{nlfmt.count(persons.value)}</b> '
            f'personen{extra}.</p>')


def _trend(rep: MunicipalityReport) -> tuple[str, str]:
    ctx = rep.ctx
    periods = ctx.trend_periods
    if not periods:
        return "", ""
    p = ctx.period
    from etl.periods import parse_period, period_months

    first, last = period_months(p.period_type, p.period)
    highlight = set()
    for q in periods:
        a, z = period_months(*parse_period(q))
        if a <= last and z >= first:
            highlight.add(q)
    kinds = [kk for kk in ("municipality", "centre_cities", "region", "flanders")
             if kk == "municipality" or rep.groups(kk)]
    labels = {"municipality": rep.name, "centre_cities": "Nabije centrumsteden",
              "region": _bench_label(rep, "region"), "flanders": "Vlaanderen"}
    panels, table_rows = [], []
    states: set[str] = set()
    data = {kk: rep.trend_series(kk) for kk in kinds}
    for rate in TREND_RATES:
        series = []
        for kk in kinds:
            values = []
            for q in periods:
                cell = rate_cell(data[kk].get(q), rate)
                values.append(cell.value if cell.state == OK else None)
                if cell.state != OK:
                    states.add(cell.state)
            series.append(svg.Series(kk, labels[kk], values))
        panels.append(svg.line_chart(INDICATOR_NAMES[rate], periods, series, highlight))
    # a table alternative for screen readers (not printed)
    head = "".join(f"<th>{escape(labels[kk])}</th>" for kk in kinds)
    for rate in TREND_RATES:
        for q in periods:
            cells = "".join(
                f"<td>{escape(cell_text(c.state, c.value, ctx.k, work=rate.startswith('work')))}</td>"
                for c in (rate_cell(data[kk].get(q), rate) for kk in kinds))
            table_rows.append(f"<tr><th>{escape(INDICATOR_NAMES[rate])}, "
                              f"{escape(nlfmt.period_label(q))}</th>{cells}</tr>")
    legend = "".join(f"<span>{svg.legend_sample(kk)}{escape(labels[kk])}</span>" for kk in kinds)
    legend += f'<span><i class="hl"></i>{escape(nlfmt.period_label(p.period))}</span>'
    gaps = []
    if HIDDEN in states:
        gaps.append(f"verborgen (minder dan {ctx.k} personen)")
    if NOT_KNOWN in states:
        gaps.append("nog niet gekend (de opvolging van 12 maanden loopt nog)")
    if NONE in states:
        gaps.append("geen leefloners")
    note = (f'<p class="note">Een onderbroken lijn of ontbrekend punt: {"; ".join(gaps)}.</p>'
            if gaps else "")
    html = (f'<section class="trend"><h2>Evolutie per kwartaal, laatste drie jaar</h2>'
            f'<div class="legend">{legend}</div><div class="panels">{"".join(panels)}</div>{note}'
            f'<table class="sr-only"><caption>Evolutie per kwartaal</caption><tr><th></th>{head}</tr>'
            f'{"".join(table_rows)}</table></section>')
    return html, note


def _funnel(rep: MunicipalityReport) -> str:
    k = rep.ctx.k
    series = []
    for kind, label in (("municipality", rep.name), ("flanders", "Vlaanderen")):
        row = rep.row(kind)
        bars = []
        for key, _ in FUNNEL:
            if key == "leefloners":  # the base of every share: all benefit months
                c = count_cell(row, "person_months")
                if c.state == OK and c.value and c.value > 0:
                    bars.append(svg.Bar(1.0, "100 %"))
                else:
                    bars.append(svg.Bar(None, hidden_text(k) if c.state == HIDDEN else "geen leefloners"))
                continue
            c = rate_cell(row, key)
            bars.append(svg.Bar(c.value if c.state == OK else None,
                                cell_text(c.state, c.value, k, work=key.startswith("work"))))
        series.append((kind, label, bars))
    chart = svg.funnel_chart([label for _, label in FUNNEL], series,
                             title=f"Van leefloon naar werk: {rep.name} en Vlaanderen")
    legend = (f'<div class="legend"><span><i class="hl" style="background:{svg.STYLES["municipality"].color}">'
              f'</i>{escape(rep.name)}</span><span><i class="hl" style="background:{svg.FLANDERS_BAR}">'
              f'</i>Vlaanderen</span></div>')
    return (f'<div><h2>Van leefloon naar werk</h2>{legend}{chart}'
            f'<p class="note">Per stap het aandeel van de leefloonmaanden van de periode.</p></div>')


def _groups_box(rep: MunicipalityReport) -> str:
    m = rep.municipality
    cities = sorted(rep.groups("centre_city"), key=lambda g: g["rank"])
    city_text = nlfmt.join_names([f"{g['area_name']} ({nlfmt.number(g['distance_km'], 0)} km)"
                                  for g in cities]) or "–"
    region = rep.groups("region")
    region_text = region[0]["area_name"] if region else "–"
    kind = m.get("region_kind") or rep.ctx.meta.get("region_kind", "")
    return (
        '<div class="groups"><h2>Vergelijkingsgroepen</h2>'
        f'<p><b>Nabije centrumsteden</b>: de {len(cities)} dichtstbijzijnde centrumsteden samen: '
        f'{escape(city_text)}.</p>'
        f'<p><b>Regio</b>: {escape(region_text)}{f" ({escape(kind)})" if kind else ""}.</p>'
        f'<p><b>Vlaanderen</b>: alle 285 Vlaamse gemeenten samen.</p>'
        '<p class="note">Een groep wordt berekend op alle leefloonmaanden samen, niet als gemiddelde '
        'van gemeenten. Provincie, vergelijkbare gemeenten en elke centrumstad apart staan in het '
        'CSV-bestand bij dit rapport.</p></div>'
    )


def render(rep: MunicipalityReport) -> str:
    """The report of one municipality as one HTML document."""
    ctx, p, m, meta = rep.ctx, rep.ctx.period, rep.municipality, rep.ctx.meta
    title = f"{rep.name}: leefloon en activering, {nlfmt.period_label(p.period)}"
    warn = ""
    if not p.is_complete:
        warn = (f'<p class="warn">Let op: {escape(nlfmt.period_label(p.period))} is nog niet volledig: '
                f'{p.n_months_loaded} van de {p.n_months} maanden zijn geladen.</p>')
    cards = "".join(_rate_card(rep, r) for r in
                    ("registration_rate", "guidance_rate", "work_6m_rate", "work_12m_rate"))
    items = "".join(f"<li>{escape(s)}</li>" for s in sentences(rep))
    trend, _ = _trend(rep)
    defs = "".join(f"<dt>{escape(name)}</dt><dd>{escape(text)}</dd>"
                   for name, text in definition_texts(ctx.definition))
    generated = nlfmt.date_time(ctx.generated_at)
    version = escape(meta.get("data_version", "–"))
    province = escape(str(m.get("province_name") or ""))
    months = (f"{escape(nlfmt.month_label(meta.get('first_month')))} tot "
              f"{escape(nlfmt.month_label(meta.get('last_month')))}")
    loaded = escape(nlfmt.date_time(meta.get("loaded_at")))
    source_months = (f"leefloongegevens {escape(meta.get('first_month', '–'))} tot "
                     f"{escape(meta.get('last_month', '–'))}, werk tot "
                     f"{escape(meta.get('last_work_month', '–'))}")
    return f"""<!DOCTYPE html>
<html lang="nl-BE">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{CSS}</style>
</head>
<body>
<main class="page">
<header>
  <div>
    <p class="kicker">Leefloon en activering · benchmark</p>
    <h1>{escape(rep.name)}</h1>
    <p class="sub">{escape(nlfmt.period_label(p.period))} · NIS {escape(rep.nis)} · provincie {province}</p>
  </div>
  <div class="hmeta">Gegevensversie {version}<br>
    Maanden {months}<br>
    Gemaakt op {escape(generated)}</div>
</header>
{warn}
<section><h2>Kerncijfers</h2>{_count_line(rep)}<div class="cards">{cards}</div>
<p class="note">Rechts: het verschil van {escape(rep.name)} met de groep in procentpunt (pp);
* = statistisch significant verschil (p &lt; 0,05). 95 %-interval: waar het onderliggende percentage
met 95 % zekerheid ligt.</p></section>
<section><h2>Waar staat {escape(rep.name)}?</h2><ol class="sentences">{items}</ol></section>
{trend}
<section class="two">{_funnel(rep)}{_groups_box(rep)}</section>
<footer>
<dl>{defs}</dl>
<p><b>Verborgen cijfers.</b> Aantallen van 1 tot {ctx.k - 1} personen en de percentages die erop
steunen, worden niet getoond: „{escape(hidden_text(ctx.k))}”. 0 wordt wel getoond.</p>
<p><b>Significant.</b> Als er in werkelijkheid geen verschil was, zou een verschil van deze grootte
minder dan 5 % kans hebben om door toeval te ontstaan (p &lt; 0,05; toets van twee proporties; een
groep waar {escape(rep.name)} deel van uitmaakt, wordt vergeleken met de rest van die groep).
„Niet significant” betekent: het verschil kan toeval zijn. Leefloonmaanden van dezelfde persoon
lijken op elkaar; lees een significant verschil daarom als een aanwijzing, niet als een bewijs.</p>
<p><b>Bron.</b> VDAB en de KSZ-datawarehouse (gepseudonimiseerd), bewerkt met
<i>python -m etl report</i>. Gegevensversie {version}, geladen op {loaded}; {source_months}.
Definitie: {escape(ctx.definition.label("nl"))}.</p>
</footer>
</main>
</body>
</html>
"""
