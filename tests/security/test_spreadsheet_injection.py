"""Every spreadsheet the product writes keeps hostile text inert (OWASP CSV injection, #14):
the board and lessons exports (dashboard buttons and `failscale export`), the audit log.

A title "=HYPERLINK(…)" must reach the reader's Excel as text: in CSV with a leading
apostrophe, in XLSX as a string cell (never openpyxl's data_type "f").
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dashboard.lessons_tables import lessons_table
from dashboard.tables import board_table, to_csv, to_xlsx
from portfolio.export import FORMULA_START, inert, original
from portfolio.models import Decision, DecisionKind, Role
from portfolio.service import audit_log, decisions
from portfolio.service.board import portfolio_board
from portfolio.service.lessons import search_lessons
from portfolio.storage import Database
from portfolio.storage.audit import NewEvent
from tests.factories import make_initiative
from tests.security.conftest import ACTORS
from tests.units import in_reading, in_transaction

pytestmark = pytest.mark.security

FAILSCALE = str(Path(sys.executable).parent / "failscale")
ATTACKS = (
    '=HYPERLINK("http://evil.example","x")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
)
ADMIN = ACTORS[Role.ADMIN]


@pytest.fixture
def hostile(portfolio: Database) -> Database:
    """An initiative per attack in department A, each closed with a hostile lesson."""
    with portfolio.transaction() as store:
        for n, attack in enumerate(ATTACKS):
            store.initiatives.save(make_initiative(id=f"H-{n}", title=attack, department="A",
                                                   owner=attack, tags=(attack,)))
    for n, attack in enumerate(ATTACKS):
        in_transaction(portfolio, decisions.record_decision, ADMIN, Decision(
            initiative_id=f"H-{n}", kind=DecisionKind.CLOSE, decided_by="ada",
            decided_on=date(2025, 6, 1), rationale=attack, reason_code="no_effect"),
            lesson=attack)
    return portfolio


def _cells_of_csv(data: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for cell in row]


def _assert_inert_csv(data: bytes) -> None:
    cells = _cells_of_csv(data)
    assert not [c for c in cells if c.startswith(FORMULA_START)]
    for attack in ATTACKS:  # titles are stored stripped of surrounding whitespace
        assert {inert(attack), inert(attack.strip())} & set(cells), attack


def _assert_inert_xlsx(data: bytes) -> None:
    sheet = load_workbook(io.BytesIO(data)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert not [v for v in texts if v.startswith(FORMULA_START)]
    for attack in ATTACKS:
        assert {inert(attack), inert(attack.strip())} & set(texts), attack


def test_the_neutraliser_is_reversible_and_leaves_plain_text_alone() -> None:
    for text in (*ATTACKS, "'=already quoted", "'plain", "Plain title", "", "æøå"):
        assert original(inert(text)) == text
    assert inert("Plain title") == "Plain title"
    assert not inert("=1+1").startswith(FORMULA_START)


def test_board_exports_keep_formulas_inert_whatever_the_dtype(hostile: Database) -> None:
    rows = in_reading(hostile, portfolio_board, ADMIN, date(2025, 6, 30)).rows
    table = board_table(rows, "da", links=False)
    as_strings = table.astype({c: "string" for c in table.columns if table[c].dtype == object})
    for frame in (table, as_strings):
        _assert_inert_csv(to_csv(frame))
        _assert_inert_xlsx(to_xlsx(frame, "Portefølje"))


def test_lessons_export_keeps_formulas_inert(hostile: Database) -> None:
    hits = in_reading(hostile, search_lessons, ADMIN, "", None, shelf=0, spread=0).lessons
    _assert_inert_csv(to_csv(lessons_table(hits, "en")))


def test_audit_export_keeps_formulas_inert(hostile: Database) -> None:
    with hostile.transaction() as store:  # an event whose every text cell is hostile
        store.audit.append(NewEvent(actor=ATTACKS[0], via=ATTACKS[1], action=ATTACKS[2],
                                    entity=ATTACKS[3], entity_id=ATTACKS[4]))
    cells = _cells_of_csv(audit_log.audit_csv(hostile, ADMIN).encode("utf-8"))
    assert not [c for c in cells if c.startswith(FORMULA_START)]
    assert [inert(a) for a in ATTACKS[:5]] in [cells[i:i + 5] for i in range(len(cells))]


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([FAILSCALE, *args], env=env, capture_output=True, text=True,
                          timeout=240, check=False)


def test_failscale_export_writes_the_dashboards_files_inert(
    hostile: Database, tmp_path: Path
) -> None:
    env = {**os.environ, "FAILSCALE_DB": str(hostile.path),
           "FAILSCALE_DATA_DIR": str(tmp_path / "data"), "PREFECT_API_URL": ""}
    for what in ("board", "lessons"):
        for suffix in (".csv", ".xlsx"):
            out = tmp_path / f"{what}{suffix}"
            result = run(["--as", "viv", "export", what, str(out)], env)
            assert result.returncode == 0, result.stderr
            data = out.read_bytes()
            (_assert_inert_csv if suffix == ".csv" else _assert_inert_xlsx)(data)
    refused = run(["export", "board", str(tmp_path / "board.pdf")], env)
    assert refused.returncode == 2 and ".csv or .xlsx" in refused.stderr
