"""The interpreter, tuned for a command that lives for one run (#15).

- **Cycle collection.** A national `failscale evaluate` builds hundreds of thousands of
  short-lived objects (the agenda's 45 k items, the escalations) on top of the ~170 k that
  Prefect, pydantic and DuckDB leave behind at import. With CPython's defaults every full
  collection walks the imports' objects again, and the youngest generation is collected
  every 700 allocations: 0.8-1.8 s of a 10 s national run (2026-12-05,
  docs/performance.md). What the imports left lives until the process ends anyway: it is
  frozen, and the young are collected every 20,000 allocations. Cycles are still freed.
- **Thread switches.** While the main thread composes the agenda, a second one waits on
  the Prefect server for each artifact (flows/artifacts.Publisher). With the default 5 ms
  switch interval every answer waits up to 5 ms for the main thread to let go; 1 ms kept
  the publishing behind the composing (0.4 s of the same run).

Long-running processes (the dashboard, the API, workers) keep the defaults.
"""

from __future__ import annotations

import gc
import sys

YOUNG_THRESHOLD = 20_000
"""Allocations between collections of the youngest generation (CPython's default: 700)."""
SWITCH_INTERVAL_SECONDS = 0.001
"""How long a thread may hold the GIL while another waits (CPython's default: 5 ms)."""


_tuned = False


def tune_for_one_run() -> None:
    """Call once the command's heavy modules are imported, before its work starts. Only the
    first call freezes: a process that runs several commands (the test suite, in-process)
    does not keep each command's leftovers from the collector."""
    global _tuned
    if _tuned:
        return
    _tuned = True
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, older, oldest)
    sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)
