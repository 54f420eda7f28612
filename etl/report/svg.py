"""Small, hand-made inline SVG charts: nothing is fetched, nothing needs a browser to draw.

Colours are Okabe–Ito; every series also has its own line dash and marker shape, so
colour is never the only cue (also on a black-and-white print).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from etl.report import nlfmt


@dataclass(frozen=True)
class Style:
    color: str
    dash: str  # stroke-dasharray, "" = solid
    marker: str  # circle, square, triangle, diamond
    width: float


STYLES = {
    "municipality": Style("#0072B2", "", "circle", 2.0),
    "centre_cities": Style("#D55E00", "5 2.5", "square", 1.3),
    "region": Style("#009E73", "1.6 1.6", "triangle", 1.3),
    "flanders": Style("#3d3d3d", "7 2.5 1.5 2.5", "diamond", 1.3),
}
FLANDERS_BAR = "#9a9a9a"


@dataclass
class Series:
    kind: str
    label: str
    values: list[float | None]


def _f(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def marker(shape: str, x: float, y: float, color: str, r: float = 1.9) -> str:
    if shape == "square":
        return f'<rect x="{_f(x - r)}" y="{_f(y - r)}" width="{_f(2 * r)}" height="{_f(2 * r)}" fill="{color}"/>'
    if shape == "triangle":
        h = r * 1.15
        pts = f"{_f(x)},{_f(y - h)} {_f(x - h)},{_f(y + h * 0.8)} {_f(x + h)},{_f(y + h * 0.8)}"
        return f'<polygon points="{pts}" fill="{color}"/>'
    if shape == "diamond":
        h = r * 1.25
        pts = f"{_f(x)},{_f(y - h)} {_f(x + h)},{_f(y)} {_f(x)},{_f(y + h)} {_f(x - h)},{_f(y)}"
        return f'<polygon points="{pts}" fill="{color}"/>'
    return f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(r)}" fill="{color}"/>'


def legend_sample(kind: str) -> str:
    """A short line with the series' dash and marker, for an HTML legend."""
    s = STYLES[kind]
    dash = f' stroke-dasharray="{s.dash}"' if s.dash else ""
    return (f'<svg class="legend-sample" viewBox="0 0 26 8" width="26" height="8" aria-hidden="true">'
            f'<line x1="1" y1="4" x2="25" y2="4" stroke="{s.color}" stroke-width="{_f(s.width)}"{dash}/>'
            f'{marker(s.marker, 13, 4, s.color, 2.2)}</svg>')


def _nice_max(values: list[float]) -> float:
    top = max(values, default=0.0)
    return min(1.0, max(0.1, math.ceil(top * 10 + 1e-9) / 10))


def line_chart(title: str, periods: list[str], series: list[Series], highlight: set[str],
               ymax: float | None = None, width: float = 200, height: float = 112) -> str:
    """A line chart of rates (fractions) per period, 0-based; gaps where a value is missing."""
    left, right, top, bottom = 23, 5, 13, 17
    pw, ph = width - left - right, height - top - bottom
    shown = [v for s in series for v in s.values if v is not None]
    ymax = ymax or _nice_max(shown)
    n = len(periods)
    step_x = pw / max(n - 1, 1)

    def x_of(i: int) -> float:
        return left + (i * step_x if n > 1 else pw / 2)

    def y_of(v: float) -> float:
        return top + ph - v / ymax * ph

    out = [f'<svg class="chart" viewBox="0 0 {_f(width)} {_f(height)}" role="img" '
           f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
           f'<text x="{_f(left - 21)}" y="8" class="ct">{escape(title)}</text>']
    for i, p in enumerate(periods):  # the report's period
        if p in highlight:
            w = step_x if n > 1 else pw
            out.append(f'<rect x="{_f(x_of(i) - w / 2)}" y="{_f(top)}" width="{_f(w)}" '
                       f'height="{_f(ph)}" fill="#fdf0c2"/>')
    grid_step = 0.1 if ymax <= 0.5 else 0.2
    g = 0.0
    while g <= ymax + 1e-9:
        y = y_of(g)
        out.append(f'<line x1="{_f(left)}" y1="{_f(y)}" x2="{_f(left + pw)}" y2="{_f(y)}" '
                   f'stroke="{"#9a9a9a" if g == 0 else "#e0e0e0"}" stroke-width="0.4"/>')
        out.append(f'<text x="{_f(left - 2)}" y="{_f(y + 2)}" class="ax" text-anchor="end">'
                   f'{nlfmt.number(g * 100)} %</text>')
        g = round(g + grid_step, 6)
    for i, p in enumerate(periods):
        q = p.split("-Q")[-1] if "-Q" in p else ""
        out.append(f'<text x="{_f(x_of(i))}" y="{_f(top + ph + 6.5)}" class="ax" '
                   f'text-anchor="middle">{"K" + q if q else escape(p)}</text>')
        if q in ("1", "") or i == 0:
            out.append(f'<text x="{_f(x_of(i))}" y="{_f(top + ph + 13)}" class="ax yr" '
                       f'text-anchor="middle">{escape(p[:4])}</text>')
    for s in reversed(series):  # the municipality last, on top
        st = STYLES[s.kind]
        segment: list[tuple[float, float]] = []
        segments = []
        for i, v in enumerate(s.values):
            if v is None:
                if segment:
                    segments.append(segment)
                segment = []
            else:
                segment.append((x_of(i), y_of(v)))
        if segment:
            segments.append(segment)
        dash = f' stroke-dasharray="{st.dash}"' if st.dash else ""
        for seg in segments:
            if len(seg) > 1:
                pts = " ".join(f"{_f(x)},{_f(y)}" for x, y in seg)
                out.append(f'<polyline points="{pts}" fill="none" stroke="{st.color}" '
                           f'stroke-width="{_f(st.width)}" stroke-linejoin="round"{dash}/>')
            for x, y in seg:
                out.append(marker(st.marker, x, y, st.color, 1.5 if s.kind != "municipality" else 1.8))
    out.append("</svg>")
    return "".join(out)


@dataclass
class Bar:
    value: float | None  # a fraction, None when not shown
    text: str            # the label printed beside the bar


def funnel_chart(steps: list[str], series: list[tuple[str, str, list[Bar]]],
                 width: float = 250, title: str = "") -> str:
    """Horizontal bars per step, one bar per series (kind, label, bars), 0–100 %."""
    label_w, right = 78, 34
    bar_h, gap_bar, gap_step, top = 5.6, 1.0, 3.6, 3
    n = len(series)
    block = n * bar_h + (n - 1) * gap_bar
    height = top + len(steps) * (block + gap_step) + 8
    pw = width - label_w - right
    colors = {"municipality": STYLES["municipality"].color, "flanders": FLANDERS_BAR}
    out = [f'<svg class="chart" viewBox="0 0 {_f(width)} {_f(height)}" role="img" '
           f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">']
    for frac in (0, 0.25, 0.5, 0.75, 1.0):
        x = label_w + frac * pw
        out.append(f'<line x1="{_f(x)}" y1="{_f(top - 1)}" x2="{_f(x)}" y2="{_f(height - 7)}" '
                   f'stroke="{"#9a9a9a" if frac == 0 else "#e6e6e6"}" stroke-width="0.4"/>')
        out.append(f'<text x="{_f(x)}" y="{_f(height - 1.5)}" class="ax" text-anchor="middle">'
                   f'{nlfmt.number(frac * 100)} %</text>')
    for i, step in enumerate(steps):
        y0 = top + i * (block + gap_step)
        lines = step.split("\n")
        y_text = y0 + block / 2 + 2 - (len(lines) - 1) * 2.9
        spans = "".join(f'<tspan x="{_f(label_w - 2.5)}" dy="{0 if n == 0 else 5.8}">{escape(line)}</tspan>'
                        for n, line in enumerate(lines))
        out.append(f'<text x="{_f(label_w - 2.5)}" y="{_f(y_text)}" class="fl" '
                   f'text-anchor="end">{spans}</text>')
        for j, (kind, _label, bars) in enumerate(series):
            bar = bars[i]
            y = y0 + j * (bar_h + gap_bar)
            color = colors.get(kind, STYLES.get(kind, STYLES["flanders"]).color)
            if bar.value is not None:
                w = max(0.0, min(1.0, bar.value)) * pw
                out.append(f'<rect x="{_f(label_w)}" y="{_f(y)}" width="{_f(w)}" height="{_f(bar_h)}" '
                           f'fill="{color}"/>')
                tx = label_w + w + 1.5
            else:
                out.append(f'<rect x="{_f(label_w)}" y="{_f(y)}" width="{_f(pw)}" height="{_f(bar_h)}" '
                           f'fill="none" stroke="#bbbbbb" stroke-width="0.4" stroke-dasharray="1.5 1.5"/>')
                tx = label_w + 2
            out.append(f'<text x="{_f(tx)}" y="{_f(y + bar_h - 1.2)}" class="bv">{escape(bar.text)}</text>')
    out.append("</svg>")
    return "".join(out)
