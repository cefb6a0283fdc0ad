"""How a store is named: a DuckDB file's path, or the shared store's
`ducklake:postgres:<libpq connection string>` (#17), and how that string is shown or kept
without its password. Plain strings: no DuckDB, so the command line and the flows' setup
ask without loading the store."""

from __future__ import annotations

import re

PREFIX = "ducklake:postgres:"
PASSWORD = re.compile(r"password\s*=\s*('(?:[^'\\]|\\.)*'|[^\s\"]+)", re.IGNORECASE)


def is_lake(location: str) -> bool:
    return str(location).startswith(PREFIX)


def without_password(location: str) -> str:
    """The store as it may be shown or kept: a flow run's parameter (Prefect shows it in its
    UI and keeps it in its database), a line in the terminal. The shared store's connection
    string goes without its password; the process that runs a flow adds its own back
    (`with_own_password`)."""
    if not is_lake(location):
        return location
    return " ".join(part for part in PASSWORD.sub("", location).split())


def with_own_password(location: str, own: str) -> str:
    """`location` from a run's parameter, with the password of this process's own store
    (FAILSCALE_DB) when it names that store; else as given (libpq may still find one in
    PGPASSWORD or ~/.pgpass)."""
    if is_lake(location) and is_lake(own) and without_password(own) == location:
        return own
    return location


def catalog_address(location: str) -> str:
    """Where the catalog is, as an operator names it (host:port/database), never with the
    connection string's password."""
    fields = dict(part.split("=", 1) for part in location[len(PREFIX):].split()
                  if "=" in part)
    host = fields.get("host") or fields.get("hostaddr") or "localhost"
    return f"{host}:{fields.get('port', '5432')}/{fields.get('dbname', '')}"
