"""The status line: when evaluation last ran, whether it succeeded, and "run now"."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard import data
from dashboard.context import current_actor, settings
from dashboard.feedback import attempt, flash
from dashboard.labels import t
from dashboard.run_now import run_now
from portfolio.service.access import Permission, can


def status_line(lang: str) -> None:
    actor = current_actor()
    run = data.status(str(settings().db), actor)
    if run is None:
        st.caption(t("never_run", lang))
    elif run.status == "failed":
        st.error(t("last_run_failed", lang, at=f"{run.started_at:%Y-%m-%d %H:%M}"))
    elif run.status == "running":
        st.caption(t("run_running", lang, at=f"{run.started_at:%Y-%m-%d %H:%M}"))
    else:
        st.caption(
            ":material/check_circle: " + t("last_run_ok", lang,
                     at=f"{(run.finished_at or run.started_at):%Y-%m-%d %H:%M}",
                     as_of=run.as_of.isoformat(), version=run.policy_version, n=run.evaluated)
        )
    if can(actor, Permission.EVALUATE) and st.button(t("run_now", lang), key="run_now"):
        with st.spinner(t("running", lang)):
            started = attempt(lambda: run_now(settings(), actor, date.today()), lang)
        if started is not None:
            data.clear()
            flash(t("run_queued", lang, run_id=started.run_id) if started.via == "prefect"
                  else t("run_done", lang, n=started.evaluated))
