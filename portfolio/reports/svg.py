"""What the reports' hand-written SVG charts share: the palette, a text node, round ticks
and the data URI an <img> of a report embeds.

The meeting pack's KPI charts (kpi_svg.py) and the portfolio report's charts (charts.py)
are written directly rather than by a chart library (#15); their text is escaped here, the
one place a chart turns text into SVG, so a name typed by a user stays text.
"""

from __future__ import annotations

import base64
import math
from xml.sax.saxutils import escape

INK = "#1d3557"
GREY = "#8d99ae"
GREEN = "#2a9d8f"
AMBER = "#e9a23b"
RED = "#c8553d"
GRID = "#e5e8ec"
DOMAIN = "#b0b7c0"
LABEL = "#333333"
FONT = "DejaVu Sans"
VALUE_TICKS = 4


def text(x: float, y: float, content: str, *, anchor: str = "start", colour: str = LABEL,
         bold: bool = False, size: int = 10, rotate: bool = False) -> str:
    """A <text> node at (x, y), its content escaped; `rotate` turns it to read upwards."""
    weight = ' font-weight="bold"' if bold else ""
    turn = f' transform="rotate(-90 {x:.1f} {y:.1f})"' if rotate else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{colour}"'
            f' text-anchor="{anchor}"{weight}{turn}>{escape(content)}</text>')


def nice_ticks(low: float, high: float, count: int = VALUE_TICKS) -> tuple[float, list[float]]:
    """Round tick values covering [low, high] (1, 2 or 5 times a power of ten apart, as
    d3's ticks), and that step: the axis then reads 10, 20, 30, not 11.7, 23.4."""
    span = high - low
    if not span > 0 or not math.isfinite(span):
        return 1.0, [low]
    step = 10 ** math.floor(math.log10(span / count))
    error = count * step / span
    step *= 10 if error <= 0.15 else 5 if error <= 0.35 else 2 if error <= 0.75 else 1
    first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
    return step, [i * step for i in range(first, last + 1)]


def data_uri(svg: str) -> str:
    """The SVG as a data URI for an <img> of a report (the renderer fetches nothing else)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
