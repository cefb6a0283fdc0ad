"""Danish and English formats from CLDR (issue #13): what a reader of either language
expects in a table, a card, a report and on a chart axis."""

from __future__ import annotations

from datetime import date

import pytest

from portfolio import formats

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("call", "da", "en"),
    [
        (lambda lang: formats.money(1_200_000, lang), f"1.200.000{NBSP}kr.", f"DKK{NBSP}1,200,000"),
        (lambda lang: formats.money(1_199_999.6, lang), f"1.200.000{NBSP}kr.",
         f"DKK{NBSP}1,200,000"),
        (lambda lang: formats.share(0.5776, lang, decimals=1), f"57,8{NBSP}%", "57.8%"),
        (lambda lang: formats.share(0.55, lang, signed=True), f"+55{NBSP}%", "+55%"),
        (lambda lang: formats.share(-0.15, lang, signed=True), f"-15{NBSP}%", "-15%"),
        (lambda lang: formats.share(None, lang), "i/t", "n/a"),
        (lambda lang: formats.number(1234.5, lang), "1.234,5", "1,234.5"),
        (lambda lang: formats.number(2.001, lang), "2", "2"),
        (lambda lang: formats.fixed(0.8, lang), "0,80", "0.80"),
        (lambda lang: formats.count(1_200_000, lang), "1.200.000", "1,200,000"),
        (lambda lang: formats.day(date(2026, 6, 1), lang), "1. juni 2026", "1 June 2026"),
        (lambda lang: formats.short_day("2026-09-06", lang), "6. sep. 2026", "6 Sept 2026"),
        (lambda lang: formats.day(None, lang), "—", "—"),
    ],
)
def test_a_value_reads_as_each_language_writes_it(call, da, en):
    assert call("da") == da
    assert call("en") == en


def test_an_unknown_language_reads_as_english():
    assert formats.money(1_200_000, "sv") == formats.money(1_200_000, "en")


def test_the_chart_locale_has_danish_separators_and_month_names():
    locale = formats.vega_locale("da")
    assert (locale["number"]["decimal"], locale["number"]["thousands"]) == (",", ".")
    assert locale["number"]["percent"] == f"{NBSP}%"
    assert locale["time"]["months"][8] == "september"
    assert locale["time"]["shortMonths"][8] == "sep."
    assert locale["time"]["days"][0] == "søndag"  # d3 counts from Sunday
    assert formats.time_axis_format("da")["date"] == "%-d. %b"
    assert formats.time_axis_format("en")["date"] == "%-d %b"


@pytest.mark.parametrize(
    ("cldr", "d3"),
    [("d. MMM y", "%-d. %b %Y"), ("dd.MM.y", "%d.%m.%Y"), ("d 'de' MMMM", "%-d de %B"),
     ("HH.mm.ss", "%H.%M.%S")],
)
def test_a_cldr_date_pattern_becomes_a_d3_time_format(cldr, d3):
    assert formats.d3_pattern(cldr) == d3
