"""The meeting pack and the portfolio report laid out in two processes (layout_helper.py,
#15) are the reports laid out in one: the same pages, pixel for pixel, the same text on
each page, the same bookmarks, title and language. The one-part rendering of the same
template is the oracle."""

from __future__ import annotations

import subprocess
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from portfolio.models import Actor
from portfolio.reports.documents import (
    _split,
    agenda_html,
    agenda_pdf,
    portfolio_html,
    portfolio_pdf,
)
from portfolio.reports.layout_helper import LayoutError, LayoutHelper
from portfolio.reports.render import html_to_pdf
from portfolio.storage import Database
from tests.reports.conftest import WELFARE, pdf_pages


def _images(pdf: bytes, folder: Path) -> list[bytes]:
    """Each page as PNG at 50 dpi (poppler's pdftoppm)."""
    folder.mkdir()
    (folder / "doc.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "50", "-png", "doc.pdf", "page"], cwd=folder, check=True)
    return [p.read_bytes() for p in sorted(folder.glob("page-*.png"))]


def _bookmarks(pdf: bytes) -> list[tuple[int, str, int]]:
    document = pikepdf.open(BytesIO(pdf))
    found: list[tuple[int, str, int]] = []

    def walk(items: list[pikepdf.OutlineItem], depth: int) -> None:
        for item in items:
            found.append((depth, item.title, pikepdf.Page(item.destination[0]).index))
            walk(item.children, depth + 1)

    with document.open_outline() as outline:
        walk(outline.root, 0)
    return found


def _same_document(one: bytes, two: bytes, lang: str, folder: Path) -> list[str]:
    pages = pdf_pages(two)
    assert pages == pdf_pages(one)  # page numbers, running headers, the body
    assert _images(two, folder / "two") == _images(one, folder / "one")
    assert _bookmarks(two) == _bookmarks(one)
    theirs, ours = PdfReader(BytesIO(one)), PdfReader(BytesIO(two))
    assert ours.metadata.title == theirs.metadata.title
    assert ours.trailer["/Root"]["/Lang"] == theirs.trailer["/Root"]["/Lang"] == lang
    return pages


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_two_part_pack_is_the_one_part_pack(demo_db: Database, tmp_path: Path,
                                                lang: str) -> None:
    operator = Actor.operator()
    one = html_to_pdf(agenda_html(demo_db, operator, WELFARE, lang))

    two = agenda_pdf(demo_db, operator, WELFARE, lang)

    pages = _same_document(one, two, lang, tmp_path)
    assert len(pages) > 3  # a summary and several initiatives: two parts really
    assert len(_bookmarks(two)) > len(pages) // 2


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_two_part_portfolio_report_is_the_one_part_report(
    demo_db: Database, tmp_path: Path, lang: str
) -> None:
    operator = Actor.operator()
    one = html_to_pdf(portfolio_html(demo_db, operator, lang))

    two = portfolio_pdf(demo_db, operator, lang)

    pages = _same_document(one, two, lang, tmp_path)
    heading = {"da": "Realiserede mod forventede gevinster",
               "en": "Realised against expected benefits"}[lang]
    second = next(i for i, page in enumerate(pages) if heading in page)
    # the second part starts a page: only the running headers come before its heading
    assert second >= 1 and len(pages[second].split(heading)[0]) < 120


def test_the_parts_take_turns_so_both_have_work() -> None:
    # one initiative: the summary alone is the first part
    assert _split(100, [5]) == 0
    # a long table weighs like several initiatives, so the first part details fewer
    assert _split(100, [5] * 15) < _split(0, [5] * 15)
    assert _split(0, [0] * 10) in (4, 5)
    # the second part always has one initiative at least
    assert all(_split(rows, [0] * n) < n for rows in (0, 10, 10_000) for n in (1, 2, 7))
    assert _split(10_000, [0] * 4) == 0


def test_a_helper_that_died_is_an_error_that_says_so(demo_db: Database) -> None:
    with LayoutHelper() as helper:
        helper._process.kill()
        helper._process.wait()
        with pytest.raises(LayoutError, match="second layout process") as raised:
            agenda_pdf(demo_db, Actor.operator(), WELFARE, "en", helper=helper)
    # a PortfolioError: the CLI and the dashboard say it in the user's language
    assert "anden opsætningsproces" in raised.value.in_language("da")


def test_leaving_the_block_ends_the_helper_even_unused() -> None:
    with LayoutHelper() as helper:
        process = helper._process
    assert process.poll() is not None
