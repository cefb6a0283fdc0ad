"""A page whose reads meet a busy database says so in the reader's words, never with a
traceback (hostile conditions are normal ones: a backup or a national evaluation may hold
the file longer than the lock timeout), and the page is back once the holder lets go."""

from __future__ import annotations

import pytest
import streamlit as st

from portfolio.storage import Database
from tests.holder import held_by_another_process

BUSY_DA = ("Databasen er optaget lige nu (en vurdering, en import eller en backup skriver til "
           "den), så siden kunne ikke læses. Intet er gået tabt: prøv igen om et øjeblik.")


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


def test_a_shared_store_out_of_reach_is_told_with_where_and_what_to_do(
    app, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    """PostgreSQL of the shared store down or restarting (#17): the page says so in the
    reader's language and offers to try again, as for a busy database."""
    monkeypatch.setenv("FAILSCALE_DB", "ducklake:postgres:dbname=portefolje host=127.0.0.1 port=1")
    monkeypatch.setenv("FAILSCALE_LAKE_DATA_PATH", str(tmp_path / "lake"))
    at = app("board", lang="da")
    assert [w.value for w in at.warning] == [
        "Det fælles lager kan ikke nås lige nu: PostgreSQL på 127.0.0.1:1/portefolje svarer "
        "ikke. Intet er gemt, og intet er tabt. Prøv igen om lidt; varer det ved, så bed "
        "driften se til databasen."]
    assert at.button(key="busy_try_again").label == "Prøv igen"
