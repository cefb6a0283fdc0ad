"""Storing an imported measurement table set-based (#7) follows the row-by-row rules.

The table is classified once per (initiative, KPI) pair and looked up against stored
measurements only within its dates; on random tables over a small portfolio with some
history, every row must get the outcome the rules give it one at a time: no such
initiative, outside the importer's departments, no such KPI, added, updated or unchanged.
"""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portfolio.models import Actor, Measurement, Provenance, Role, Source, provenance_word
from portfolio.service.access import Permission, can, scope_of
from portfolio.service.setup import initialise
from portfolio.storage import Database, Store
from tests.factories import make_initiative, make_kpi

DEPARTMENTS = {"OWN": "Borgerservice", "OTHER": "Økonomi"}
KPIS = [("OWN", "klager"), ("OWN", "digital share"), ("OTHER", "klager")]
FIRST_DAY = date(2025, 6, 1)
SOURCES = [s.value for s in Source] + ["KMD Nexus", ""]  # free text too (#13)


def provenance_of(source: str) -> str:
    return (provenance_word(source) or Provenance.MANUAL).value

days = st.integers(min_value=0, max_value=14).map(lambda n: FIRST_DAY + timedelta(days=n))
values = st.sampled_from([1.0, 2.0, 0.0, -0.0])
history = st.dictionaries(
    st.tuples(st.sampled_from(KPIS), st.integers(min_value=0, max_value=7)),
    st.tuples(values, st.sampled_from(SOURCES)), max_size=12,
)
incoming = st.dictionaries(
    st.tuples(st.sampled_from(["OWN", "OTHER", "NOBODY"]),
              st.sampled_from(["klager", "digital share", "no such kpi"]), days),
    st.tuples(values, st.sampled_from(SOURCES)), max_size=30,
)
ORGANISATIONS = {"OWN": "Aarhus Kommune", "OTHER": ""}  # OTHER from before #13
importers = st.builds(
    lambda role, departments, organisation: Actor(
        username="kim", role=role, departments=departments, organisation=organisation),
    st.sampled_from([Role.LEADER, Role.KEY_EMPLOYEE, Role.ADMIN]),
    st.sampled_from([(), ("Borgerservice",), ("Økonomi", "Borgerservice")]),
    st.sampled_from(["", "Aarhus Kommune", "Odense Kommune"]),
)
assignments = st.sampled_from([(), ("OWN",), ("OTHER",), ("OWN", "OTHER")])


def portfolio(folder: Path, stored: dict[Any, tuple[float, str]]) -> Database:
    db = Database(folder / "portfolio.duckdb", lock_timeout=5)
    initialise(db, Actor.operator())
    with db.transaction() as store:
        for initiative_id, department in DEPARTMENTS.items():
            store.initiatives.save(make_initiative(id=initiative_id, department=department,
                                                   organisation=ORGANISATIONS[initiative_id]))
        for initiative_id, name in KPIS:
            store.kpis.save(make_kpi(name, initiative_id=initiative_id))
        store.measurements.upsert_many([
            Measurement(initiative_id=initiative_id, kpi=name, on=FIRST_DAY + timedelta(days=n),
                        value=value, source=source, provenance=provenance_of(source),
                        recorded_by="history")
            for ((initiative_id, name), n), (value, source) in stored.items()
        ])
    return db


def table_of(rows: dict[Any, tuple[float, str]], split: int) -> pa.Table:
    """The rows as the parser hands them over (row numbers ascending), in two chunks."""
    table = pa.Table.from_pylist([
        {"row": 2 + 3 * i, "initiative_id": ini, "kpi": kpi, "measured_on": on,
         "value": value, "source": source, "provenance": provenance_of(source)}
        for i, ((ini, kpi, on), (value, source)) in enumerate(rows.items())
    ], schema=pa.schema([("row", pa.int64()), ("initiative_id", pa.string()),
                         ("kpi", pa.string()), ("measured_on", pa.date32()),
                         ("value", pa.float64()), ("source", pa.string()),
                         ("provenance", pa.string())]))
    split = min(split, table.num_rows)
    return pa.concat_tables([table.slice(0, split), table.slice(split)])


def one_by_one(store: Store, row: dict[str, Any], actor: Actor,
               assigned: tuple[str, ...]) -> str:
    """The outcome of one row under the rules, read from the store as it was before: the
    scope is what authorisation (access.can) says for this one initiative."""
    initiative = store.initiatives.get(row["initiative_id"])
    if initiative is None:
        return "no_initiative"
    if not can(actor, Permission.RECORD_MEASUREMENT, initiative.department,
               organisation=initiative.organisation,
               contributors=[actor.username] if initiative.id in assigned else []):
        return "not_allowed"
    kpi_id = store.kpis.id_of(row["initiative_id"], row["kpi"])
    if kpi_id is None:
        return "unknown_kpi"
    before = store.measurements.get(kpi_id, row["measured_on"])
    if before is None:
        return "added"
    same = (before.value == row["value"] and before.source == row["source"]
            and before.provenance.value == row["provenance"])
    return "unchanged" if same else "updated"


def stored_measurements(store: Store) -> list[tuple[Any, ...]]:
    return sorted((m.initiative_id, m.kpi, m.on, m.value, m.source, m.recorded_by)
                  for ini in DEPARTMENTS for m in store.measurements.for_initiative(ini))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history, incoming, importers, assignments, st.integers(min_value=0, max_value=30))
def test_every_row_is_stored_or_refused_as_the_row_by_row_rules_say(
    stored: dict[Any, tuple[float, str]], rows: dict[Any, tuple[float, str]],
    actor: Actor, assigned: tuple[str, ...], split: int,
) -> None:
    """Scope included: storage filters by the Scope authorisation derives (#16), and
    refuses exactly the rows access.can refuses one at a time."""
    with tempfile.TemporaryDirectory() as folder:
        db = portfolio(Path(folder), stored)
        table = table_of(rows, split)
        with db.reading() as store:
            before = stored_measurements(store)
            expected = [(row, one_by_one(store, row, actor, assigned))
                        for row in table.to_pylist()]

        with db.transaction() as store:
            scope = scope_of(actor, Permission.RECORD_MEASUREMENT, assigned=assigned)
            result = store.measurements.upsert_columns(table, recorded_by="kim", scope=scope)

        outcomes = [outcome for _, outcome in expected]
        assert (result.added, result.updated, result.unchanged) == (
            outcomes.count("added"), outcomes.count("updated"), outcomes.count("unchanged"))
        assert list(result.refused) == [
            {**row, "department": DEPARTMENTS.get(row["initiative_id"]), "status": outcome}
            for row, outcome in expected
            if outcome in ("no_initiative", "not_allowed", "unknown_kpi")
        ]
        written = {(r["initiative_id"], r["kpi"], r["measured_on"]):
                   (r["value"], r["source"], "kim")
                   for r, outcome in expected if outcome in ("added", "updated")}
        kept = {key[:3]: key[3:] for key in before if key[:3] not in written}
        with db.reading() as store:
            after = stored_measurements(store)
        assert after == sorted((*key, *value) for key, value in (kept | written).items())
