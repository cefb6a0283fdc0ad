"""The status line: when evaluation last ran, whether it succeeded, and "run now".

A run queued in Prefect finishes after the button has returned. Until it does, the status
line watches for it (a fragment rerun every few seconds, only while a run is awaited) and
then shows the result where the button was pressed and reruns the page, so the page shows
the new evaluation instead of "not evaluated yet" (#19).
"""

from __future__ import annotations

from datetime import date, datetime

import streamlit as st

from dashboard import data
from dashboard.context import current_actor, database, settings
from dashboard.feedback import attempt, flash
from dashboard.labels import t
from dashboard.run_now import run_now
from portfolio import formats
from portfolio.errors import DatabaseBusy
from portfolio.service.access import Permission, can
from portfolio.service.evaluation import last_run

AWAITED = "run_awaited"
WATCH_SECONDS = 3
WAIT_AT_MOST_SECONDS = 600


def status_line(lang: str) -> None:
    actor = current_actor()
    run = data.status(str(settings().db), actor)
    if run is None:
        st.caption(t("never_run", lang))
    elif run.status == "failed":
        st.error(t("last_run_failed", lang, at=formats.moment(run.started_at, lang)))
    elif run.status == "running":
        st.caption(t("run_running", lang, at=formats.moment(run.started_at, lang)))
    else:
        st.caption(
            ":material/check_circle: " + t("last_run_ok", lang,
                     at=formats.moment(run.finished_at or run.started_at, lang),
                     as_of=formats.short_day(run.as_of, lang), version=run.policy_version,
                     n=formats.count(run.evaluated, lang))
        )
    if can(actor, Permission.EVALUATE) and st.button(t("run_now", lang), key="run_now"):
        with st.spinner(t("running", lang)):
            started = attempt(lambda: run_now(settings(), actor, date.today()), lang)
        if started is not None:
            data.clear()
            if started.via == "prefect":
                st.session_state[AWAITED] = (started.run_id, datetime.now())
                st.rerun()
            flash(t("run_done", lang, n=formats.count(started.evaluated or 0, lang)))
    if st.session_state.get(AWAITED):
        _await_run(lang)


@st.fragment(run_every=WATCH_SECONDS)
def _await_run(lang: str) -> None:
    """While a queued run is awaited: say so; when it has ended, say how and rerun."""
    awaited = st.session_state.get(AWAITED)
    if not awaited:
        return
    run_id, since = awaited
    try:
        run = last_run(database(), current_actor())
    except DatabaseBusy:  # the run itself may hold the file: ask again at the next tick
        run = None
    if run is not None and run.run_id == run_id and run.status != "running":
        st.session_state.pop(AWAITED, None)
        data.clear()
        flash(t("run_failed_now", lang) if run.status == "failed"
              else t("run_done", lang, n=formats.count(run.evaluated, lang)))
    elif (datetime.now() - since).total_seconds() > WAIT_AT_MOST_SECONDS:
        st.session_state.pop(AWAITED, None)
        st.warning(t("run_not_finished", lang, run_id=run_id))
    else:
        st.info(t("run_queued", lang, run_id=run_id), icon=":material/hourglass_top:")
