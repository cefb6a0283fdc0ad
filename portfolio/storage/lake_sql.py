"""The SQL of the file, said so that DuckLake accepts it (#17).

DuckLake tables have no primary keys, unique constraints, indexes or sequences, no
defaults of LIST type and no RETURNING; `INSERT … ON CONFLICT` therefore has nothing to
refer to. The storage layer keeps one SQL text for both stores, and on the lake every
statement goes through `translate` first:

- DDL: keys, indexes and sequences are left out (what they promised is kept by the
  writers: one writer at a time, see lake.py), and a column default DuckLake cannot hold
  (`nextval(…)`, `[]`) becomes a *fill*: an INSERT that omits the column gets it added.
- `INSERT … ON CONFLICT (key) DO UPDATE/NOTHING` and `INSERT OR REPLACE` become
  `MERGE INTO … WHEN MATCHED … WHEN NOT MATCHED …` on the same key; with writers
  serialised a MERGE is an upsert (two concurrent MERGEs would both insert).
- `nextval('seq')` becomes the next number after the column's maximum, and
  `INSERT … RETURNING` a plain INSERT followed by reading the row it added.

What the tables declared (keys, fills) is learned from the shipped migrations themselves,
so a new migration needs no change here. Pure functions: tested in tests/storage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

_IDENT = r'(?:"[^"]+"|\w+)'


def split_statements(sql: str) -> list[str]:
    """The statements of a script, without comments; `;` inside quotes is kept."""
    statements, current, i, quote = [], [], 0, ""
    while i < len(sql):
        ch = sql[i]
        if quote:
            current.append(ch)
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
            current.append(ch)
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            i = len(sql) if end < 0 else end
            continue
        elif ch == ";":
            statements.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
        i += 1
    statements.append("".join(current).strip())
    return [s for s in statements if s]


def _top_level(text: str, sep: str = ",") -> list[str]:
    """Split at `sep` outside parentheses, brackets and quotes."""
    parts, depth, quote, start = [], 0, "", 0
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts]


def _find_keyword(text: str, pattern: str) -> int:
    """Position of the last match of `pattern` at parenthesis depth 0, outside quotes."""
    depth, quote, found = 0, "", -1
    regex = re.compile(pattern, re.I)
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = ""
            continue
        if ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0 and regex.match(text, i) and (i == 0 or not text[i - 1].isalnum()):
            found = i
    return found


@dataclass
class LakeSchema:
    """What the migrations declared that DuckLake cannot hold, per table."""

    keys: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fills: dict[str, dict[str, str]] = field(default_factory=dict)
    """table -> column -> what an INSERT that omits the column stores in it"""
    sequences: dict[str, tuple[str, str]] = field(default_factory=dict)
    """sequence -> (table, column) it numbers"""


_CREATE_TABLE = re.compile(
    r"^(CREATE\s+(?:OR\s+REPLACE\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?)(\w+)\s*\((.*)\)\s*$",
    re.I | re.S,
)
_NEXTVAL_DEFAULT = re.compile(r"\s+DEFAULT\s+nextval\(\s*'(\w+)'\s*\)", re.I)
_LIST_DEFAULT = re.compile(r"\s+DEFAULT\s+\[\s*\]", re.I)
_COLUMN_KEY = re.compile(r"\s+(PRIMARY\s+KEY|UNIQUE)\b", re.I)
_TABLE_KEY = re.compile(r"^(PRIMARY\s+KEY|UNIQUE)\s*\((.*)\)$", re.I | re.S)
_DROPPED = re.compile(r"^(CREATE\s+(UNIQUE\s+)?INDEX|CREATE\s+SEQUENCE|DROP\s+INDEX|"
                      r"DROP\s+SEQUENCE)\b", re.I)
_RENAME = re.compile(r"^ALTER\s+TABLE\s+(\w+)\s+RENAME\s+TO\s+(\w+)\s*$", re.I)
_DROP_TABLE = re.compile(r"^DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?(\w+)\s*$", re.I)
_DROP_COLUMN = re.compile(r"^ALTER\s+TABLE\s+(\w+)\s+DROP\s+COLUMN\s+(\w+)\s*$", re.I)


def _sequence_fill(table: str, column: str) -> str:
    return f"(SELECT coalesce(max({column}), 0) FROM {table}) + row_number() OVER ()"  # noqa: S608 - SQL from SQL


def _create_table(head: str, name: str, body: str, schema: LakeSchema | None) -> str:
    columns, keys, fills = [], (), {}
    for item in _top_level(body):
        table_key = _TABLE_KEY.match(item)
        if table_key:
            if not keys or table_key.group(1).upper().startswith("PRIMARY"):
                keys = tuple(c.strip() for c in table_key.group(2).split(","))
            continue
        column = item.split()[0]
        key = _COLUMN_KEY.search(item)
        if key:
            keys = keys or (column,)
            item = _COLUMN_KEY.sub("", item)
            if key.group(1).upper().startswith("PRIMARY") and "NOT NULL" not in item.upper():
                item = f"{column} {item[len(column):].strip()} NOT NULL"
        sequence = _NEXTVAL_DEFAULT.search(item)
        if sequence:
            fills[column] = _sequence_fill(name, column)
            if schema is not None:
                schema.sequences[sequence.group(1)] = (name, column)
            item = _NEXTVAL_DEFAULT.sub("", item)
        if _LIST_DEFAULT.search(item):
            fills[column] = "[]"
            item = _LIST_DEFAULT.sub("", item)
        columns.append(item)
    if schema is not None:
        schema.keys[name] = keys
        schema.fills[name] = fills
    return f"{head}{name} (\n    " + ",\n    ".join(columns) + "\n)"


def translate_ddl(statement: str, schema: LakeSchema | None = None) -> str | None:
    """The statement as DuckLake takes it (None: nothing to run), noting in `schema`
    what it declared."""
    if _DROPPED.match(statement):
        return None
    create = _CREATE_TABLE.match(statement)
    if create:
        return _create_table(create.group(1), create.group(2), create.group(3), schema)
    if schema is not None:
        rename, dropped, column = (_RENAME.match(statement), _DROP_TABLE.match(statement),
                                   _DROP_COLUMN.match(statement))
        if rename:
            old, new = rename.groups()
            for table in (schema.keys, schema.fills):
                if old in table:
                    table[new] = table.pop(old)  # type: ignore[assignment]
            if new in schema.fills:
                schema.fills[new] = {c: e.replace(f" FROM {old})", f" FROM {new})")
                                     for c, e in schema.fills[new].items()}
            for seq, (table, col) in list(schema.sequences.items()):
                if table == old:
                    schema.sequences[seq] = (new, col)
        elif dropped:
            schema.keys.pop(dropped.group(1), None)
            schema.fills.pop(dropped.group(1), None)
        elif column:
            schema.fills.get(column.group(1), {}).pop(column.group(2), None)
    return statement


def learn(scripts: list[str]) -> LakeSchema:
    """What the migration scripts, in order, declared."""
    schema = LakeSchema()
    for script in scripts:
        for statement in split_statements(script):
            translate_ddl(statement, schema)
    return schema


_INSERT = re.compile(
    r"^INSERT\s+(OR\s+REPLACE\s+)?INTO\s+(\w+)\s*\(([^)]*)\)\s*(.*)$", re.I | re.S
)
_CONFLICT = re.compile(
    r"^ON\s+CONFLICT\s*(?:\(([^)]*)\))?\s*DO\s+(NOTHING|UPDATE\s+SET\s+(.*))$", re.I | re.S
)
_NEXTVAL = re.compile(r"nextval\(\s*'(\w+)'\s*\)", re.I)


@dataclass(frozen=True)
class Step:
    sql: str
    with_parameters: bool = True


def _merge(table: str, columns: list[str], source: str, keys: tuple[str, ...],
           sets: str | None, fills: dict[str, str]) -> str:
    on = " AND ".join(f"{table}.{k} = excluded.{k}" for k in keys)
    extra = [c for c in fills if c not in columns]
    # The fills are computed in the source, where a window may number its rows: a MERGE's
    # INSERT takes no window, and numbering there gave every new row of a bulk upsert the
    # same id. A matched row's number is computed and not used.
    filled = "".join(f", {fills[c]} AS {c}" for c in extra)
    values = [f"excluded.{c}" for c in extra + columns]
    merge = (f"MERGE INTO {table} USING (SELECT *{filled} FROM ({source}) AS "  # noqa: S608 - SQL from SQL
             f"excluded_source({', '.join(columns)})) AS excluded ON {on} ")
    if sets is not None:
        merge += f"WHEN MATCHED THEN UPDATE SET {sets} "
    return (merge + f"WHEN NOT MATCHED THEN INSERT ({', '.join(extra + columns)}) "  # noqa: S608 - SQL from SQL
            f"VALUES ({', '.join(values)})")


def _insert(statement: str, schema: LakeSchema) -> list[Step] | None:
    match = _INSERT.match(statement)
    if not match:
        return None
    replace, table, column_list, rest = match.groups()
    columns = [c.strip() for c in column_list.split(",")]
    fills = schema.fills.get(table, {})
    returning = None
    at = _find_keyword(rest, r"RETURNING\b")
    if at >= 0:
        rest, returning = rest[:at].strip(), rest[at + len("RETURNING"):].strip()
    at = _find_keyword(rest, r"ON\s+CONFLICT\b")
    conflict = _CONFLICT.match(rest[at:].strip()) if at >= 0 else None
    source = rest[:at].strip() if at >= 0 else rest.strip()
    if conflict or replace:
        keys = schema.keys.get(table, ())
        if conflict and conflict.group(1):
            keys = tuple(k.strip() for k in conflict.group(1).split(","))
        if conflict:
            sets = None if conflict.group(2).upper() == "NOTHING" else conflict.group(3)
        else:
            sets = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in keys)
        steps = [Step(_merge(table, columns, source, keys, sets, fills))]
    else:
        extra = [c for c in fills if c not in columns]
        if extra:
            exprs = ", ".join(fills[c] for c in extra)
            steps = [Step(f"INSERT INTO {table} ({', '.join(extra + columns)}) "  # noqa: S608 - SQL from SQL
                          f"SELECT {exprs}, * FROM ({source}) AS inserted")]
        else:
            steps = [Step(statement if returning is None else
                          f"INSERT INTO {table} ({column_list}) {source}")]
    if returning is not None:
        numbered = next((c for c, e in fills.items() if "max(" in e), None)
        if numbered is None:
            raise NotImplementedError(f"RETURNING from {table} on the lake")
        steps.append(Step(f"SELECT {returning} FROM {table} WHERE {numbered} = "  # noqa: S608 - SQL from SQL
                          f"(SELECT max({numbered}) FROM {table})", with_parameters=False))
    return steps


def _nextval(statement: str, schema: LakeSchema) -> str:
    def numbered(match: re.Match[str]) -> str:
        table, column = schema.sequences[match.group(1)]
        return f"({_sequence_fill(table, column)})"
    return _NEXTVAL.sub(numbered, statement)


@lru_cache(maxsize=4096)
def _translate(sql: str, schema_id: int) -> tuple[Step, ...]:
    schema = _SCHEMAS[schema_id]
    statements = split_statements(sql)
    steps = [step for statement in statements for step in _translate_one(statement, schema)]
    if len(statements) > 1:  # a script: parameters belong to single statements only
        steps = [Step(s.sql, with_parameters=False) for s in steps]
    return tuple(steps)


def _translate_one(statement: str, schema: LakeSchema) -> list[Step]:
    ddl = translate_ddl(statement)
    if ddl is None:
        return []
    if ddl != statement:
        return [Step(ddl)]
    steps = _insert(statement, schema) or [Step(statement)]
    return [Step(_nextval(s.sql, schema), s.with_parameters) for s in steps]


_SCHEMAS: dict[int, LakeSchema] = {}


def translate(sql: str, schema: LakeSchema) -> tuple[Step, ...]:
    """The steps that do on the lake what `sql` does on the file; the last one's result
    is the statement's."""
    _SCHEMAS.setdefault(id(schema), schema)
    return _translate(sql, id(schema))
