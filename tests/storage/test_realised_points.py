"""Realised benefits at several dates (#7, #15): a KPI counts at a date with its newest
measurement on or before that date, however the dates fall between measurements.

The portfolio report asks for "now" and eight quarter ends in one query; the newest value
per date is found per bucket between the dates, so the edges are what this pins down: a
measurement on a date itself, the day after it, before every date, after "now", and two
points on the same date (the running quarter ends on "now").
"""

from __future__ import annotations

from datetime import date

from portfolio.models import Department, Measurement, Source
from portfolio.storage import Database
from portfolio.storage.realised import RealisedGroup
from tests.factories import make_initiative, make_kpi

NOW = date(2025, 6, 30)
QUARTER_ENDS = [date(2025, 3, 31), NOW]


def _measured(kpi: str, on: date, value: float, initiative_id: str = "INI-1") -> Measurement:
    return Measurement(initiative_id=initiative_id, kpi=kpi, on=on, value=value,
                       source=Source.MANUAL)


def _overall(groups: list[RealisedGroup]) -> dict[int, tuple[int, float | None]]:
    return {g.point: (g.kpis, g.overall) for g in groups if g.dimension == "all"}


def test_each_date_takes_each_kpis_newest_measurement_on_or_before_it(db: Database) -> None:
    with db.transaction() as store:
        store.departments.save(Department(name="Social services", steering_group="G"))
        store.initiatives.save(make_initiative())
        for name in ("on the date", "long ago", "between", "guardrail"):
            store.kpis.save(make_kpi(name, kind="guardrail" if name == "guardrail"
                                     else "benefit"))
        store.measurements.upsert_many([
            _measured("on the date", date(2025, 3, 31), 40),   # counts at 03-31
            _measured("on the date", date(2025, 4, 1), 60),    # from the day after
            _measured("on the date", date(2025, 7, 1), 100),   # after now: never
            _measured("long ago", date(2024, 1, 1), 10),       # before every date
            _measured("between", date(2025, 5, 15), 80),       # not yet at 03-31
            _measured("guardrail", date(2025, 5, 15), 100),    # not a benefit
        ])

    with db.reading() as store:
        groups = store.realised.groups(NOW, QUARTER_ENDS)
        cashable, total = store.realised.cashable(NOW, None)

    overall = _overall(groups)
    assert overall[1] == (2, (0.40 + 0.10) / 2)
    assert overall[2][0] == overall[0][0] == 3
    assert overall[2][1] == overall[0][1]
    assert abs(overall[0][1] - (0.60 + 0.10 + 0.80) / 3) < 1e-12
    assert (cashable, total) == ([], 0)


def test_a_kpi_with_no_measurement_by_a_date_is_left_out_of_that_date(db: Database) -> None:
    with db.transaction() as store:
        store.departments.save(Department(name="Social services", steering_group="G"))
        store.initiatives.save(make_initiative())
        store.kpis.save(make_kpi("hours saved", cashable=True))
        store.measurements.upsert_many([_measured("hours saved", date(2025, 6, 1), 25)])

    with db.reading() as store:
        groups = store.realised.groups(NOW, QUARTER_ENDS)
        cashable, total = store.realised.cashable(NOW, None)

    assert 1 not in _overall(groups)
    assert _overall(groups)[0] == (1, 0.25)
    assert [(c.kpi, c.latest, c.share) for c in cashable] == [("hours saved", 25.0, 0.25)]
    assert total == 1
