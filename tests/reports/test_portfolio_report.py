"""The portfolio report for management and politicians, and its monthly flow."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.reports import portfolio_report
from portfolio.models import Actor
from portfolio.reports.documents import portfolio_pdf
from portfolio.storage import Database
from tests.reports.conftest import ANCHOR, pdf_pages


def test_portfolio_report_tells_in_danish_what_spread_what_closed_and_what_it_gave(
    demo_db: Database,
) -> None:
    pages = pdf_pages(
        portfolio_pdf(demo_db, Actor.operator(), "da", organisation="Demo Kommune")
    )

    text = " ".join(pages)
    assert pages[0].startswith("DEMO KOMMUNE Porteføljerapport")
    figures = "35 Initiativer 29 Aktive 7 Skaleret eller i drift 6 Lukket eller parkeret"
    assert figures.replace(" ", "") in text.replace(" ", "")  # big numbers sit in boxes
    assert "de er nået ud til 9 af de 12 planlagte afdelinger" in text
    assert "Online tidsbestilling til pas og kørekort" in text and "1 af 2" in text
    assert "Selvbetjeningsterminaler i jobcentrets reception" in text
    assert "Ingen effekt" in text and "Spørg brugerne, før der købes hardware" in text
    assert ("69 % af den forventede forbedring realiseret: 78 % for kontante gevinster "
            "og 65 % for ikke-kontante") in text
    assert "Softwarerobotter (RPA)" in text and "Social og Beskæftigelse 7 43 % 52 % 50 %" in text
    assert "3. kvt. 2023" in text and "2. kvt. 2025" in text
    assert f"Side {len(pages)} af {len(pages)}" in pages[-1]


def test_long_tables_of_the_portfolio_report_stop_at_the_setting_and_say_how_many_there_are(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAILSCALE_REPORT_TABLE_ROWS", "2")

    text = " ".join(pdf_pages(portfolio_pdf(demo_db, Actor.operator(), "da")))

    assert "Viser 2 af 7." in text and "Viser 2 af 6." in text and "Viser 2 af 14." in text
    figures = "35 Initiativer 29 Aktive 7 Skaleret eller i drift 6 Lukket eller parkeret"
    assert figures.replace(" ", "") in text.replace(" ", "")  # the totals still count all


@pytest.mark.flow
def test_monthly_flow_writes_the_portfolio_report_to_the_reports_folder(
    prefect_harness: None, demo_db: Database, tmp_path: Path
) -> None:
    result = portfolio_report(on=ANCHOR, db_path=str(demo_db.path),
                              reports_dir=str(tmp_path / "reports"), lang="en")

    written = tmp_path / "reports" / "portfolio-report-2025-06-en.pdf"
    assert result["path"] == str(written)
    assert "Portfolio report" in pdf_pages(written.read_bytes())[0]
