"""The status line: when evaluation last ran and whether it succeeded."""

from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.context import settings
from dashboard.labels import t


def status_line(lang: str) -> None:
    run = data.status(str(settings().db))
    if run is None:
        st.caption(t("never_run", lang))
    elif run.status == "failed":
        st.error(t("last_run_failed", lang, at=f"{run.started_at:%Y-%m-%d %H:%M}"))
    else:
        st.caption(
            t("last_run_ok", lang, at=f"{(run.finished_at or run.started_at):%Y-%m-%d %H:%M}",
              as_of=run.as_of.isoformat(), version=run.policy_version, n=run.evaluated)
        )
