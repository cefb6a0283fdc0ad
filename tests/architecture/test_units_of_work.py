"""Issue #16, item 3: the entry point opens the unit of work, the use case works in it.

A module of portfolio/service that opens one (`db.transaction()`, `db.reading()`) must be
listed here with how many it opens and why; a use case that takes the caller's `Store`
composes with others in one unit of work, one that opens its own cannot. The list shrinks
as modules are converted: a count that no longer matches fails too, so the list stays the
truth (docs/architecture.md repeats it). Every other use case takes the caller's `Store`
(#16, item 3: the last ones converted were the agenda, steering, people, reports and
integration modules).
"""

from __future__ import annotations

import ast

from tests.architecture.imports import project_modules

OPENERS = ("transaction", "reading")

# Kept for a reason: the use case must decide when the file is held.
KEPT = {
    "portfolio.service.imports": (
        1, "parses the file before it holds the database (nothing slow while held); "
           "an entry point composing an import calls store_batch in its own unit of work"),
    "portfolio.service.evaluation": (
        9, "a run reads a snapshot, evaluates holding nothing and writes in another unit "
           "of work; its failure record must be stored although the run's write failed; "
           "the verdicts stored are only ever those store_run computed (#14)"),
    "portfolio.service.backup": (2, "copies and replaces the database file itself"),
    "portfolio.service.housekeeping": (
        1, "DuckLake's maintenance functions commit themselves, outside any unit of work; "
           "the audit of what they did follows in one"),
    "portfolio.service.signin": (
        5, "a failed sign-in's attempt is committed although sign-in fails (rate limit)"),
    "portfolio.service.oidc": (
        3, "a failed sign-in's attempt is committed although sign-in fails (rate limit)"),
    "portfolio.service.inbox": (
        1, "each file of the inbox is imported and filed in a unit of work of its own, "
           "so one bad file does not undo the others"),
    "portfolio.service.webhooks": (
        1, "announcing a decision reads in a unit of work of its own and posts after "
           "closing it: the file is not held while a chat service answers or times out"),
    "portfolio.service.audit_log": (
        2, "the export reads the log a page per short unit of work and writes each page "
           "out after closing it, so the file is not held while a long log is written to "
           "a slow reader; its own audit event is written last"),
    "portfolio.service.setup": (
        2, "migrates and seeds the database before any use case can run; the demo's "
           "history is a bulk load"),
}

def units_opened(source: str) -> int:
    return sum(
        1 for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        and node.func.attr in OPENERS and not node.args and not node.keywords
    )


def test_a_service_module_opens_a_unit_of_work_only_where_it_is_listed_with_a_reason():
    opened = {
        module: count
        for module, path in project_modules().items()
        if module.startswith("portfolio.service.")
        and (count := units_opened(path.read_text(encoding="utf-8")))
    }
    assert opened == {module: count for module, (count, _) in KEPT.items()}


def test_every_kept_unit_of_work_says_why():
    assert all(len(reason) > 20 for _, reason in KEPT.values())
