"""The portfolio report shows planned against realised kroner (#18, item 2)."""

from __future__ import annotations

import pytest

from portfolio import formats
from portfolio.models import Actor
from portfolio.reports.documents import portfolio_pdf
from portfolio.service.benefits import kroner_view
from portfolio.storage import Database
from tests.reports.conftest import ANCHOR, pdf_pages
from tests.units import in_reading


def plain(text: str) -> str:
    """Amounts keep their number and "kr." together with a no-break space."""
    return text.replace("\u00a0", " ")


def test_the_portfolio_report_tables_planned_against_realised_kroner_per_year(
    demo_db: Database,
) -> None:
    text = plain(" ".join(pdf_pages(portfolio_pdf(demo_db, Actor.operator(), "da"))))

    kroner = in_reading(demo_db, kroner_view, Actor.operator(), ANCHOR)
    assert "Gevinstrealisering i kroner" in text
    for row in kroner.level("all"):
        assert plain(f"{row.year} Hele porteføljen {formats.money(row.planned, 'da')}") in text
    for row in kroner.level("department"):
        assert row.department in text
    assert kroner.realised > 0
    assert plain(f"Realiseret til dato: {formats.money(kroner.realised, 'da')}") in text


def test_the_kroner_table_stops_at_the_long_tables_bound(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAILSCALE_REPORT_TABLE_ROWS", "3")
    total = len(in_reading(demo_db, kroner_view, Actor.operator(), ANCHOR).rows)

    text = " ".join(pdf_pages(portfolio_pdf(demo_db, Actor.operator(), "da")))

    assert f"Viser 3 af {total}." in text
