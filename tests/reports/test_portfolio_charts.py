"""The portfolio report's charts (#15: hand-written SVG instead of Altair and vl-convert):
what they draw, in the reader's number format, with users' names inert."""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET

from portfolio.models import DecisionKind
from portfolio.reports.charts import realised_bars, trend_chart
from portfolio.reports.figures import Quarter, Realised
from portfolio.reports.words import Words

SVG = "{http://www.w3.org/2000/svg}"


def _svg(uri: str) -> ET.Element:
    head, data = uri.split(",", 1)
    assert head == "data:image/svg+xml;base64"
    return ET.fromstring(base64.b64decode(data))


def _texts(svg: ET.Element) -> list[str]:
    return [t.text or "" for t in svg.iter(f"{SVG}text")]


def test_each_group_gets_a_bar_per_kind_it_has_as_long_as_its_share() -> None:
    rows = [Realised("Sundhed", 4, 0.5, 0.25, 0.4), Realised("IT", 2, None, 1.5, 1.0)]
    svg = _svg(realised_bars(rows, Words.of("da"), {}))

    bars = [r for r in svg.iter(f"{SVG}rect") if float(r.get("height", 0)) == 8]
    assert [float(b.get("width", 0)) for b in bars] == [150.0, 75.0, 300.0]  # capped at 100 %
    texts = _texts(svg)
    assert [t for t in texts if t in ("Sundhed", "IT")] == ["Sundhed", "IT"]
    assert "100\xa0%" in texts and "0\xa0%" in texts  # Danish percent format
    assert "Kontante" in texts and "Ikke-kontante" in texts


def test_a_groups_name_is_text_and_is_cut_to_its_room() -> None:
    name = '<script>alert(1)</script> & "Sundheds- og omsorgsforvaltningens digitale enhed"'
    uri = realised_bars([Realised(name, 1, 0.5, None, 0.5)], Words.of("en"), {})
    raw = base64.b64decode(uri.split(",", 1)[1]).decode()

    assert "<script" not in raw
    svg = _svg(uri)
    label = next(t for t in _texts(svg) if t.startswith("<script>"))
    assert label.endswith("…") and len(label) < len(name)
    assert not list(svg.iter(f"{SVG}script")) and "href" not in raw


def test_the_trend_stacks_each_quarters_decisions_on_a_round_scale() -> None:
    quarters = [
        Quarter(2024, 3, {k: 0 for k in DecisionKind}, Realised("", 0, None, None, None)),
        Quarter(2024, 4, {**{k: 0 for k in DecisionKind}, DecisionKind.SCALE: 1200,
                          DecisionKind.CLOSE: 300}, Realised("", 5, 0.5, 0.2, 0.3)),
    ]
    svg = _svg(trend_chart(quarters, Words.of("da")))
    texts = _texts(svg)

    bars = [r for r in svg.iter(f"{SVG}rect") if float(r.get("width", 0)) == 26]
    heights = [float(b.get("height", 0)) for b in bars]
    assert len(bars) == 2 and heights[0] == 4 * heights[1]  # 1,200 against 300
    assert "1.500" in texts and "3.000" not in texts  # the scale ends on a round 1.500
    assert "3. kvt. 2024" in texts and "4. kvt. 2024" in texts
    assert {"Skalér", "Luk"} <= set(texts) and "Parkér" not in texts  # kinds that occur
    lines = list(svg.iter(f"{SVG}polyline"))
    assert len(lines) == 3 and all(len(line.get("points", "").split()) == 1 for line in lines)


def test_eight_danish_quarter_names_go_on_two_lines_so_they_do_not_overlap() -> None:
    quarters = [Quarter(2025 + n // 4, n % 4 + 1, {k: 1 for k in DecisionKind},
                        Realised("", 1, 0.5, 0.5, 0.5)) for n in range(8)]
    texts = _texts(_svg(trend_chart(quarters, Words.of("da"))))

    assert "1. kvt. 2025" not in texts
    assert texts.count("1. kvt.") == 4 and texts.count("2026") == 8  # two axes
