"""Arbitrary Unicode through import, storage, every page and every export (#14).

Titles, KPI names, units, owners, hypotheses and lessons are drawn from any character
(right-to-left marks, zero-width and combining characters, controls, the spreadsheet and
Markdown attack strings of #14 as explicit examples); each goes in through a CSV import,
is evaluated, and comes out on the initiative, steering, lessons and board pages (AppTest)
and in the board and lessons exports. Nothing crashes, the text round-trips exactly, and
no formula, link, image or HTML comes out. Few examples, each doing the whole journey:
the pages cost seconds each, and CI's budget is minutes.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta
from itertools import count

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from dashboard.lessons_tables import lessons_table
from dashboard.tables import board_table, to_csv, to_xlsx
from portfolio.export import FORMULA_START, original
from portfolio.models import Actor
from portfolio.service import decisions, imports, queries
from portfolio.service.board import portfolio_board
from portfolio.service.evaluation import store_run
from portfolio.service.lessons import search_lessons
from portfolio.storage import Database
from tests.security.markup import active_parts
from tests.units import in_reading, in_transaction

pytestmark = pytest.mark.security

OPERATOR = Actor.operator()
ATTACKS = (
    '=HYPERLINK("http://evil.example","x")',
    "=cmd|' /C calc'!A0",
    "@SUM(A1:A2)",
    "![x](http://127.0.0.1:8999/b.png) [Log ind igen](http://evil.example/login)",
    "<script>alert(1)</script>",
    ":red[alarm] $x^2$",
)
SPECIAL = "\u202e\u200f\u200b\u200d\ufeff\u0301\u0336=+-@\t\r\n[]()!<>*_`$:#|\\'\""
TEXT = st.text(
    alphabet=st.one_of(st.characters(blacklist_categories=("Cs",),
                                     blacklist_characters="\x00"),
                       st.sampled_from(SPECIAL)),
    min_size=1, max_size=40,
).map(str.strip).filter(bool)
serial = count()


def unescaped(markdown: str) -> str:
    """What a reader sees of escaped Markdown text (dashboard.safe_text.md)."""
    return re.sub(r"\\(.)", r"\1", markdown.replace("  \n", "\n"), flags=re.S)


def _csv(header: list[str], *rows: list[object]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def import_journey(db: Database, tmp_path, ini_id: str, department: str,
                   title: str, kpi: str, text: str) -> None:
    today = date.today()
    files = {
        "initiatives": _csv(
            ["id", "title", "department", "owner", "stage", "started_on", "review_on",
             "budget_dkk", "spent_dkk", "hypothesis"],
            [ini_id, title, department, text, "experiment", today - timedelta(days=200),
             today - timedelta(days=3), 1000, 500, text]),
        "kpis": _csv(["initiative_id", "kpi", "unit", "direction", "baseline", "target",
                      "kind", "weight"],
                     [ini_id, kpi, text, "higher", 0, 100, "benefit", 1]),
        "measurements": _csv(["initiative_id", "kpi", "date", "value"],
                             *([ini_id, kpi, today - timedelta(days=d), v]
                               for d, v in ((60, 10), (30, 20), (1, 30)))),
    }
    for kind, content in files.items():
        path = tmp_path / f"{kind}-{ini_id}.csv"
        path.write_text(content, encoding="utf-8")
        report = imports.import_file(db, OPERATOR, path, kind)
        assert report.rejected == 0, (kind, report.errors)
    in_transaction(db, decisions.add_lesson, OPERATOR, ini_id, text, today)
    store_run(db, OPERATOR, f"fuzz-{ini_id}", today)


def assert_inert_pages(app, ini_id: str, title: str) -> None:
    initiative = app("initiative", params={"id": ini_id})
    steering = app("steering")
    steering.multiselect(key="compare").set_value([ini_id]).run()
    lessons = app("lessons", params={"q": ""})
    board = app("board")
    for page, at in (("initiative", initiative), ("steering", steering),
                     ("lessons", lessons), ("board", board)):
        assert not at.exception, (page, at.exception)
        shown = [str(e.value) for kind in ("markdown", "caption", "title", "header",
                                           "subheader", "info", "success", "warning",
                                           "error") for e in getattr(at, kind)]
        assert not [(t, active_parts(t)) for t in shown if active_parts(t)], page
    assert unescaped(initiative.title[0].value) == title


def assert_inert_exports(db: Database, title: str, text: str) -> None:
    rows = in_reading(db, portfolio_board, OPERATOR, date.today()).rows
    board = board_table(rows, "da", links=False)
    lessons = lessons_table(in_reading(db, search_lessons,
                                       OPERATOR, "", None, shelf=0, spread=0).lessons,
                            "en")
    for frame, wanted in ((board, title), (lessons, text)):
        cells = [c for r in csv.reader(io.StringIO(to_csv(frame).decode("utf-8-sig")))
                 for c in r]
        assert not [c for c in cells if c.startswith(FORMULA_START)]
        assert wanted in {original(c) for c in cells}
        sheet = load_workbook(io.BytesIO(to_xlsx(frame, "S"))).active
        values = [c for row in sheet.iter_rows() for c in row if c.value is not None]
        assert not [c.coordinate for c in values if c.data_type == "f"]
        texts = [c.value for c in values if isinstance(c.value, str)]
        assert not [t for t in texts if t.startswith(FORMULA_START)]


@settings(max_examples=3, deadline=None, database=None,
          phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure costs no minutes
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(title=TEXT, kpi=TEXT, text=TEXT)
@example(title=ATTACKS[0], kpi=ATTACKS[3], text=ATTACKS[1])
@example(title=ATTACKS[4], kpi=ATTACKS[5], text=ATTACKS[2])
@example(title="Linje 1\rLinje 2", kpi="0", text="0")  # a bare CR split a CSV row (found here)
def test_any_text_survives_import_storage_pages_and_exports_exactly_and_inert(
    app, demo_db: Database, tmp_path, title: str, kpi: str, text: str
) -> None:
    ini_id = f"FZ-{next(serial)}"
    with demo_db.reading() as store:
        department = store.departments.all()[0].name
    import_journey(demo_db, tmp_path, ini_id, department, title, kpi, text)

    detail = in_reading(demo_db, queries.initiative_detail, OPERATOR, ini_id)
    assert (detail.initiative.title, detail.initiative.owner, detail.initiative.hypothesis,
            detail.kpis[0].name, detail.kpis[0].unit, detail.lessons[0].text) == (
        title, text, text, kpi, text, text)
    assert_inert_pages(app, ini_id, title)
    assert_inert_exports(demo_db, title, text)
