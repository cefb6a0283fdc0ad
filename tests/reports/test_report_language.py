"""The reports the command line writes follow FAILSCALE_LANGUAGE, Danish by default (#13):
one language throughout, numbers and dates included, not English around Danish lessons."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from failscale.cli import app
from portfolio.storage import Database

ENGLISH = ("Portfolio report", "Initiatives", "Closed or parked", "benefit", "Page ")
ENGLISH_NUMBER = re.compile(r"\d,\d{3}\b|\d\.\d+\s?%|\b\d{4}-\d{2}-\d{2}\b")


def report(tmp_path: Path, demo_db: Database, monkeypatch: pytest.MonkeyPatch,
           *args: str) -> str:
    monkeypatch.setenv("FAILSCALE_DB", str(demo_db.path))
    monkeypatch.setenv("FAILSCALE_ORGANISATION", "Demo Kommune")
    out = tmp_path / "portfolio.html"
    result = CliRunner().invoke(app, ["report", "portfolio", "--out", str(out), "--html",
                                      *args])
    assert result.exit_code == 0, result.output
    page = re.sub(r"<style>.*?</style>", " ", out.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r"<[^>]+>", " ", page)


def test_the_portfolio_report_is_danish_when_no_language_is_set(tmp_path, demo_db, monkeypatch):
    monkeypatch.delenv("FAILSCALE_LANGUAGE", raising=False)
    text = report(tmp_path, demo_db, monkeypatch)
    assert "Porteføljerapport" in text
    assert not [word for word in ENGLISH if word in text]
    assert not ENGLISH_NUMBER.findall(text)


def test_failscale_language_en_writes_the_report_in_english(tmp_path, demo_db, monkeypatch):
    monkeypatch.setenv("FAILSCALE_LANGUAGE", "en")
    text = report(tmp_path, demo_db, monkeypatch)
    assert "Portfolio report" in text and "Porteføljerapport" not in text
