"""Every active initiative of a store as a snapshot of models: what the reference engine
reads (one model per measurement; fine for tests, not for the nation)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from portfolio.models import InitiativeSnapshot
from portfolio.storage import Store


def load_snapshots(store: Store, as_of: date) -> list[InitiativeSnapshot]:
    initiatives = store.initiatives.all(active_only=True)
    ids = [i.id for i in initiatives]
    kpis = defaultdict(list)
    for kpi in store.kpis.for_initiatives(ids):
        kpis[kpi.initiative_id].append(kpi)
    measurements = defaultdict(list)
    for m in store.measurements.for_initiatives(ids, as_of):
        measurements[m.initiative_id].append(m)
    decided = store.decisions.last_dates()
    return [
        InitiativeSnapshot(
            initiative=i,
            kpis=tuple(kpis[i.id]),
            measurements=tuple(measurements[i.id]),
            last_decision_on=decided.get(i.id),
        )
        for i in initiatives
    ]
