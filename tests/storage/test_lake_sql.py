"""The file's SQL, said the lake's way (#17): the translation keeps what the SQL means.

Run against tables that, like DuckLake's, have no keys, sequences or list defaults (plain
in-memory DuckDB tables built from the translated DDL), so each test can fail.
"""

from __future__ import annotations

import duckdb
import pytest

from portfolio.storage.lake import lake_schema
from portfolio.storage.lake_sql import LakeSchema, learn, split_statements, translate

DDL = """
CREATE SEQUENCE thing_id_seq START 1;
CREATE TABLE things (
    id      INTEGER PRIMARY KEY DEFAULT nextval('thing_id_seq'),
    name    VARCHAR NOT NULL,
    tags    VARCHAR[] NOT NULL DEFAULT [],
    note    VARCHAR NOT NULL DEFAULT '',
    UNIQUE (name)
);
CREATE UNIQUE INDEX things_name ON things (name);
"""


@pytest.fixture
def lake_like() -> tuple[duckdb.DuckDBPyConnection, LakeSchema]:
    schema = learn([DDL])
    con = duckdb.connect()
    for step in translate(DDL, schema):
        con.execute(step.sql)
    return con, schema


def run(con: duckdb.DuckDBPyConnection, schema: LakeSchema, sql: str,
        params: list[object] | None = None) -> list[tuple[object, ...]]:
    result = None
    for step in translate(sql, schema):
        result = con.execute(step.sql, params if step.with_parameters else None)
    return result.fetchall() if result is not None else []


def test_the_translated_table_has_no_key_sequence_or_list_default(lake_like):
    con, _ = lake_like
    assert con.execute("SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'things' "
                       "AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM duckdb_sequences()").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM duckdb_indexes()").fetchone() == (0,)


def test_an_insert_that_omits_numbered_and_list_columns_gets_them_filled(lake_like):
    con, schema = lake_like
    run(con, schema, "INSERT INTO things (name) VALUES (?)", ["a"])
    run(con, schema, "INSERT INTO things (name) SELECT 'x' || i FROM range(3) t(i)")
    assert con.execute("SELECT id, name, tags FROM things ORDER BY id").fetchall() == [
        (1, "a", []), (2, "x0", []), (3, "x1", []), (4, "x2", [])]


def test_returning_the_new_id_reads_the_row_just_added(lake_like):
    con, schema = lake_like
    run(con, schema, "INSERT INTO things (name) VALUES ('a')")
    assert run(con, schema, "INSERT INTO things (name, note) VALUES (?, ?) RETURNING id",
               ["b", "n"]) == [(2,)]


def test_on_conflict_do_update_is_an_upsert_on_the_named_key(lake_like):
    con, schema = lake_like
    upsert = ("INSERT INTO things (name, note) VALUES (?, ?) "
              "ON CONFLICT (name) DO UPDATE SET note = excluded.note")
    run(con, schema, upsert, ["a", "first"])
    run(con, schema, upsert, ["a", "second"])
    run(con, schema, upsert, ["b", "other"])
    assert con.execute("SELECT name, note FROM things ORDER BY name").fetchall() == [
        ("a", "second"), ("b", "other")]


def test_an_upsert_of_many_new_rows_numbers_each_of_them(lake_like):
    """A bulk upsert (rows.insert_values with ON CONFLICT: an import's KPIs) gives every
    new row its own number, as the file's sequence does; a matched row keeps its own."""
    con, schema = lake_like
    run(con, schema, "INSERT INTO things (name) VALUES ('a')")
    run(con, schema, "INSERT INTO things (name, note) VALUES (?, ?), (?, ?), (?, ?) "
                     "ON CONFLICT (name) DO UPDATE SET note = excluded.note",
        ["a", "changed", "b", "new", "c", "new"])
    rows = con.execute("SELECT id, name, note, tags FROM things ORDER BY name").fetchall()
    assert rows[0] == (1, "a", "changed", [])
    assert [r[1:] for r in rows[1:]] == [("b", "new", []), ("c", "new", [])]
    assert len({r[0] for r in rows}) == 3 and min(r[0] for r in rows[1:]) > 1


def test_do_nothing_and_insert_or_replace_use_the_declared_key(lake_like):
    con, schema = lake_like
    run(con, schema, "INSERT INTO things (id, name, note) VALUES (1, 'a', 'x')")
    run(con, schema, "INSERT INTO things (id, name, note) VALUES (1, 'a', 'y') "
                     "ON CONFLICT DO NOTHING")
    assert con.execute("SELECT note FROM things").fetchall() == [("x",)]
    run(con, schema, "INSERT OR REPLACE INTO things (id, name, note) VALUES (1, 'a', 'z')")
    assert con.execute("SELECT id, note FROM things").fetchall() == [(1, "z")]


def test_nextval_elsewhere_numbers_after_the_largest_id(lake_like):
    con, schema = lake_like
    run(con, schema, "INSERT INTO things (id, name) VALUES (41, 'a')")
    assert run(con, schema, "SELECT min(id), max(id) FROM (SELECT nextval('thing_id_seq') "
                            "AS id FROM range(?))", [3]) == [(42, 44)]


def test_a_semicolon_in_a_string_or_comment_does_not_split_a_statement():
    assert split_statements("SELECT ';' AS a; -- b; c\nSELECT 2") == ["SELECT ';' AS a",
                                                                      "SELECT 2"]


def test_what_the_shipped_migrations_declare_is_learned():
    schema = lake_schema()
    assert schema.keys["initiatives"] == ("id",)
    assert schema.keys["policies"] == ("name", "version")
    assert schema.sequences["audit_id_seq"] == ("audit_events", "id")
    assert set(schema.fills["initiatives"]) == {"tags", "planned_departments"}
