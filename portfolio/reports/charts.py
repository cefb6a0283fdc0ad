"""The portfolio report's charts for print, as small hand-written SVG data URIs.

They were Altair specs drawn by vl-convert. In a `failscale report portfolio` process that
cost 1.0-1.5 s of the national report (#15): importing Altair ~0.35-0.5 s, and starting
vl-convert's JavaScript engine 0.6-0.8 s on the first chart, holding the GIL, so it could
not even overlap with the report's queries. Written directly, as the meeting pack's KPI
charts (kpi_svg.py), the three charts take milliseconds and carry a few dozen nodes for
WeasyPrint to paint instead of ~30 KB of SVG each.

SVG stays vector in the PDF (crisp at any zoom, small files). Numbers and percentages are
written in the reader's format (portfolio.formats). A group's name is typed by users: it
is escaped, cut to what fits, and an image's SVG runs no script and fetches nothing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from portfolio import formats
from portfolio.models import DecisionKind
from portfolio.reports.figures import Quarter, Realised
from portfolio.reports.svg import (
    AMBER,
    DOMAIN,
    FONT,
    GREEN,
    GREY,
    GRID,
    INK,
    RED,
    data_uri,
    nice_ticks,
    text,
)
from portfolio.reports.words import Words

DECISION_COLOURS = {
    DecisionKind.SCALE: GREEN, DecisionKind.CONTINUE: "#457b9d", DecisionKind.PIVOT: AMBER,
    DecisionKind.CLOSE: RED, DecisionKind.PARK: GREY,
}
CHAR_WIDTH = 5.6
"""Mean width of a DejaVu Sans character at 10 px, to place legend entries and to cut a
label to its room (measured on the labels the report draws)."""
LABEL_ROOM = 220.0
"""Room for a group's name left of the bars, as Vega's labelLimit had it."""
BAR_WIDTH = 300.0
GROUP_STEP = 24.0
"""Height of one group: its two bars and the space around them."""
TREND_WIDTH = 440.0
SHARE_TICKS = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]


def _rect(x: float, y: float, width: float, height: float, colour: str) -> str:
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 0.0):.1f}"'
            f' height="{max(height, 0.0):.1f}" fill="{colour}"/>')


def _line(d: str, colour: str) -> str:
    return f'<path d="{d}" stroke="{colour}" stroke-width="1" fill="none"/>'


def fitted(label: str, room: float = LABEL_ROOM) -> str:
    """`label` cut with an ellipsis to what fits in `room` pixels."""
    most = int(room / CHAR_WIDTH)
    return label if len(label) <= most else label[:most - 1].rstrip() + "…"


def _legend(x: float, y: float, entries: Sequence[tuple[str, str]], *,
            dots: bool = False) -> list[str]:
    """Swatches (squares, or dots for lines) and their labels in one row from (x, y)."""
    parts = []
    for label, colour in entries:
        if dots:
            parts.append(f'<circle cx="{x + 5:.1f}" cy="{y - 3.5:.1f}" r="5" fill="{colour}"/>')
        else:
            parts.append(_rect(x, y - 8.5, 10, 10, colour))
        parts.append(text(x + 15, y, label))
        x += 15 + len(label) * CHAR_WIDTH + 14
    return parts


def _svg(width: float, height: float, parts: list[str]) -> str:
    return data_uri(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}"'
                    f' height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}"'
                    f' font-family="{FONT}">{"".join(parts)}</svg>')


def _share_axis(left: float, top: float, width: float, height: float, lang: str,
                *, vertical: bool) -> list[str]:
    """Grid lines and labels of a 0-100 % scale, along x (bars) or y (lines)."""
    parts = []
    grid = []
    for tick in SHARE_TICKS:
        label = formats.share(tick, lang)
        if vertical:
            y = top + height * (1 - tick)
            grid.append(f"M{left:.1f} {y:.1f}h{width:.1f}")
            parts.append(text(left - 5, y + 3.5, label, anchor="end"))
        else:
            x = left + width * tick
            grid.append(f"M{x:.1f} {top:.1f}v{height:.1f}")
            parts.append(text(x, top + height + 14, label, anchor="middle"))
    parts.insert(0, _line("".join(grid), GRID))
    domain = (f"M{left:.1f} {top + height:.1f}h{width:.1f}" if vertical
              else f"M{left:.1f} {top:.1f}v{height:.1f}")
    parts.insert(1, _line(domain, DOMAIN))
    return parts


def _quarter_label(x: float, y: float, name: str, room: float) -> list[str]:
    """A quarter's name under its column; on two lines (quarter, year) where one is too
    wide for the column, as Danish names are ("1. kvt. 2025") with eight quarters."""
    if len(name) * CHAR_WIDTH <= room - 4 or " " not in name:
        return [text(x, y, name, anchor="middle")]
    quarter, year = name.rsplit(" ", 1)
    return [text(x, y, quarter, anchor="middle"), text(x, y + 11, year, anchor="middle")]


def realised_bars(rows: Sequence[Realised], w: Words, label_of: dict[str, str]) -> str:
    """Share of expected benefits realised per group, cashable next to non-cashable; a
    group without a share of one kind has no bar for it."""
    kinds = ((w.t("cashable"), INK, "cashable"), (w.t("non_cashable"), GREEN, "non_cashable"))
    left, top = LABEL_ROOM + 8, 4.0
    height = GROUP_STEP * len(rows)
    parts = _share_axis(left, top, BAR_WIDTH, height, w.lang, vertical=False)
    for i, row in enumerate(rows):
        y = top + i * GROUP_STEP
        parts.append(text(left - 6, y + GROUP_STEP / 2 + 3.5,
                           fitted(label_of.get(row.label, row.label)), anchor="end"))
        for j, (_, colour, field) in enumerate(kinds):
            share = getattr(row, field)
            if share is not None:
                parts.append(_rect(left, y + 3.5 + j * 9, BAR_WIDTH * min(max(share, 0), 1),
                                   8, colour))
    bottom = top + height + 20
    parts += _legend(left, bottom + 16, [(label, colour) for label, colour, _ in kinds])
    return _svg(left + BAR_WIDTH + 20, bottom + 24, parts)


def trend_chart(quarters: Sequence[Quarter], w: Words) -> str:
    """Decisions per quarter (stacked bars by kind) above the share of benefits realised
    (a line per kind of benefit), on one row of quarters."""
    names = [w.quarter(q.year, q.number) for q in quarters]
    kinds = [k for k in DecisionKind if any(q.decisions[k] for q in quarters)]
    left, top, bars_height, lines_height = 62.0, 6.0, 120.0, 150.0
    step = TREND_WIDTH / max(len(quarters), 1)

    def middle(i: int) -> float:
        return left + step * (i + 0.5)

    most = max((sum(q.decisions.values()) for q in quarters), default=0)
    tick, _ = nice_ticks(0, max(most, 1))
    tick = max(tick, 1.0)  # whole decisions
    ceiling = math.ceil(max(most, 1) / tick) * tick  # a nice scale, as Vega's "nice"
    ticks = [i * tick for i in range(round(ceiling / tick) + 1)]
    grid = "".join(f"M{left:.1f} {top + bars_height * (1 - t / ceiling):.1f}h{TREND_WIDTH:.1f}"
                   for t in ticks)
    parts = [_line(grid, GRID),
             _line(f"M{left:.1f} {top + bars_height:.1f}h{TREND_WIDTH:.1f}", DOMAIN)]
    parts += [text(left - 5, top + bars_height * (1 - t / ceiling) + 3.5,
                    formats.count(round(t), w.lang), anchor="end") for t in ticks]
    parts.append(text(14, top + bars_height / 2, w.t("word.decisions"), anchor="middle",
                       rotate=True))
    for i, quarter in enumerate(quarters):
        base = top + bars_height
        for kind in kinds:
            n = quarter.decisions[kind]
            if n:
                tall = bars_height * n / ceiling
                base -= tall
                parts.append(_rect(middle(i) - 13, base, 26, tall, DECISION_COLOURS[kind]))
        parts += _quarter_label(middle(i), top + bars_height + 14, names[i], step)
    parts += _legend(left, top + bars_height + 44,
                     [(w.recommendation(k), DECISION_COLOURS[k]) for k in kinds])

    lines_top = top + bars_height + 74
    parts += _share_axis(left, lines_top, TREND_WIDTH, lines_height, w.lang, vertical=True)
    parts.append(text(14, lines_top + lines_height / 2, w.t("word.realised"),
                       anchor="middle", rotate=True))
    for i, name in enumerate(names):
        parts += _quarter_label(middle(i), lines_top + lines_height + 14, name, step)
    series = (("all_benefits", "overall", INK), ("cashable", "cashable", GREEN),
              ("non_cashable", "non_cashable", AMBER))
    for _, field, colour in series:
        points = [(middle(i), lines_top + lines_height * (1 - min(max(share, 0), 1)))
                  for i, q in enumerate(quarters)
                  if (share := getattr(q.realised, field)) is not None]
        if points:
            line = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            parts.append(f'<polyline points="{line}" fill="none" stroke="{colour}"'
                         ' stroke-width="2" stroke-linejoin="round"/>')
            dots = "".join(f"M{x - 2.5:.1f} {y:.1f}a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0 -5 0"
                           for x, y in points)
            parts.append(f'<path d="{dots}" fill="{colour}"/>')
    bottom = lines_top + lines_height + 44
    parts += _legend(left, bottom, [(w.t(key), colour) for key, _, colour in series],
                     dots=True)
    return _svg(left + TREND_WIDTH + 10, bottom + 10, parts)
