"""The commands `make bench` times are the ones users run, and they must run (#15).

`make bench` is not part of `make test`; this runs its report step on a small portfolio of
several organisations, so a change to how a command names things (a steering group is
organisation + name since #13) fails here and not in the middle of a 20-minute bench.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bench.steering_page import middle_group
from bench.user_path import reports
from portfolio.models import Actor
from portfolio.service import evaluation
from portfolio.service.setup import initialise
from portfolio.storage import Database
from portfolio.synth import SynthSpec, generate_portfolio

AS_OF = date(2025, 6, 30)


def test_the_bench_prints_the_pack_of_a_group_of_one_organisation_among_several(
        tmp_path: Path) -> None:
    db = Database(tmp_path / "portfolio.duckdb", lock_timeout=60)
    initialise(db, Actor.operator())
    generate_portfolio(db, Actor.operator(), SynthSpec(60, 3_000, 7, AS_OF, 3))
    evaluation.store_run(db, Actor.operator(), "bench-test", AS_OF)
    group = middle_group(db)
    assert group.organisation  # several organisations: the name alone may not say which
    assert group.path() == f"{group.organisation}/{group.name}"

    results = reports(db.path, group, tmp_path)

    assert results["agenda_pack_seconds_national"] > 0
    assert results["portfolio_report_seconds_national"] > 0
    for name in ("pack.pdf", "portfolio.pdf"):
        assert (tmp_path / name).read_bytes().startswith(b"%PDF")
