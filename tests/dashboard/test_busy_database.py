"""A page whose reads meet a busy database says so in the reader's words, never with a
traceback (hostile conditions are normal ones: a backup or a national evaluation may hold
the file longer than the lock timeout), and the page is back once the holder lets go."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import streamlit as st

from portfolio.storage import Database

BUSY_DA = ("Databasen er optaget lige nu (en vurdering, en import eller en backup skriver til "
           "den), så siden kunne ikke læses. Intet er gået tabt: prøv igen om et øjeblik.")


@contextmanager
def held_by_another_process(path: Path) -> Iterator[None]:
    """The file opened read-write by another process, as a running writer holds it."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
         "print('held', flush=True); sys.stdin.read()", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield
    finally:
        holder.communicate("", timeout=30)


@pytest.mark.parametrize("page", ["steering", "board", "lessons"])
def test_a_page_that_meets_a_busy_database_says_so_and_shows_itself_again_after(
    app, demo_db: Database, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    at = app(page, lang="da")
    heading = at.title[0].value
    monkeypatch.setenv("FAILSCALE_LOCK_TIMEOUT_SECONDS", "0.5")
    st.cache_data.clear()  # nothing read before answers for it

    with held_by_another_process(demo_db.path):
        at.run()

    assert not at.exception, at.exception
    assert [w.value for w in at.warning] == [BUSY_DA]
    assert not [e for e in at.error if "Traceback" in e.value or "duckdb" in e.value.lower()]
    again = at.button(key="busy_try_again")
    assert again.label == "Prøv igen"

    again.click().run()
    assert not at.exception, at.exception
    assert not at.warning and at.title[0].value == heading
    assert not [b for b in at.button if b.key == "busy_try_again"]
