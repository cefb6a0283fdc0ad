"""The steering page and the meeting pack at national scale (#7).

The page under AppTest for one steering group (chosen in the URL, `?group=`), reached from
the board as a user does (the board's first run pays the process's imports), then measured
with empty caches (cold) and again (warm, best of 2), signed in as the local operator
(FAILSCALE_AUTH_MODE=none). The pack is timed as the command a user runs (bench/user_path.py).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from portfolio.models import Actor, GroupKey
from portfolio.storage import Database

APP = Path(__file__).parents[1] / "dashboard" / "app.py"


def middle_group(db: Database) -> GroupKey:
    """The middle steering group (organisation + name, #13)."""
    from portfolio.service.steering import steering_groups

    with db.reading() as store:
        groups = steering_groups(store, Actor.operator())
    return groups[len(groups) // 2]


def bench_steering(db: Database) -> dict[str, float]:
    """`steering_seconds_national` (warm) and `steering_seconds_national_cold` on `db`, for
    its middle steering group by name."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    group = middle_group(db).path()
    os.environ["FAILSCALE_DB"] = str(db.path)
    os.environ.setdefault("FAILSCALE_AUTH_MODE", "none")
    app = AppTest.from_file(str(APP), default_timeout=600)
    app.query_params["group"] = group
    app.run()
    app.switch_page("app_pages/steering.py")
    st.cache_data.clear()
    cold = _timed(app.run)
    if app.exception:
        raise RuntimeError(str(app.exception[0].message).splitlines()[0][:300])
    warm = min(_timed(app.run) for _ in range(2))
    return {"steering_seconds_national": warm, "steering_seconds_national_cold": cold}


def _timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started
