"""`failscale synth`: a realistic synthetic portfolio at any scale, for benchmarks and demos.

The data is generated inside DuckDB (portfolio.storage.synthetic); this use case checks
the request, keeps real data safe (only an empty database is filled) and audits it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date

from portfolio.errors import ValidationFailed
from portfolio.models import Actor
from portfolio.service import audit
from portfolio.service.access import Permission, authorize
from portfolio.storage import Database
from portfolio.storage.synthetic import MAX_ORGANISATIONS, SynthCounts

MAX_INITIATIVES = 1_000_000
MAX_MEASUREMENTS = 1_000_000_000


@dataclass(frozen=True)
class SynthSpec:
    initiatives: int
    measurements: int
    seed: int
    anchor: date
    """Newest measurement date; review dates spread around it."""
    organisations: int | None = None
    """How many organisations share the initiatives; default one per 500 initiatives."""

    def check(self) -> None:
        if not 1 <= self.initiatives <= MAX_INITIATIVES:
            raise ValidationFailed(field="initiatives", code="synth.range", params={
                "option": "--initiatives", "low": 1, "high": MAX_INITIATIVES})
        if not 0 <= self.measurements <= MAX_MEASUREMENTS:
            raise ValidationFailed(field="measurements", code="synth.range", params={
                "option": "--measurements", "low": 0, "high": MAX_MEASUREMENTS})
        if self.organisations is not None and not 1 <= self.organisations <= MAX_ORGANISATIONS:
            raise ValidationFailed(field="organisations", code="synth.organisations",
                                   params={"high": MAX_ORGANISATIONS})


@dataclass(frozen=True)
class SynthReport:
    counts: SynthCounts
    seconds: float

    @property
    def measurements_per_second(self) -> float:
        return self.counts.measurements / self.seconds if self.seconds else 0.0


def generate_portfolio(db: Database, actor: Actor, spec: SynthSpec) -> SynthReport:
    """Fill an empty database with a synthetic portfolio in one transaction."""
    authorize(actor, Permission.ADMIN_USERS)
    spec.check()
    started = time.perf_counter()
    with db.transaction() as store:
        if store.initiatives.count():
            raise ValidationFailed(field="db", code="synth.not_empty",
                                   params={"path": str(db.path)})
        counts = store.synthetic.generate(
            initiatives=spec.initiatives, measurements=spec.measurements, seed=spec.seed,
            anchor=spec.anchor, organisations=spec.organisations,
        )
        audit.record(store, actor, "synthesise", "portfolio", f"seed-{spec.seed}",
                     after={"anchor": spec.anchor.isoformat(), **counts.__dict__})
    return SynthReport(counts, time.perf_counter() - started)
