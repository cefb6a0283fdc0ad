"""A real PostgreSQL for the tests of the shared store (#17), started by the tests.

Debian's PostgreSQL (`apt-get install -y postgresql`, which `make test` does when it is
missing): `initdb` in a temporary directory owned by the `postgres` user (initdb refuses
to run as root), listening on a free port of 127.0.0.1 and a socket in that directory.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from portfolio.storage import Database, lake
from portfolio.storage.lake import PREFIX

_BIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres(*command: str) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return list(command)


@dataclass
class Postgres:
    folder: Path
    port: int
    _numbers: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def libpq(self, dbname: str) -> str:
        return f"dbname={dbname} host=127.0.0.1 port={self.port} user=postgres"

    def psql(self, sql: str, dbname: str = "postgres") -> str:
        done = subprocess.run(
            [str(_BIN[-1] / "psql"), "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1",
             "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", dbname,
             "-c", sql],
            capture_output=True, text=True, check=True,
        )
        return done.stdout

    def new_database(self, template: str | None = None) -> str:
        name = f"lake_{os.getpid()}_{next(self._numbers)}"
        self.psql(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
        return name

    def drop_database(self, name: str) -> None:
        self.psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@contextmanager
def running_postgres() -> Iterator[Postgres]:
    """A PostgreSQL server of its own, stopped and removed afterwards."""
    if not _BIN:
        raise RuntimeError("PostgreSQL is not installed: apt-get install -y postgresql")
    folder = Path(tempfile.mkdtemp(prefix="failscale-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data, port = folder / "data", _free_port()
    subprocess.run(_as_postgres(str(_BIN[-1] / "initdb"), "-D", str(data), "-A", "trust",
                                "-U", "postgres", "--no-sync"),
                   check=True, capture_output=True)
    options = f"-p {port} -k {folder} -h 127.0.0.1 -c fsync=off -c max_connections=200"
    subprocess.run(_as_postgres(str(_BIN[-1] / "pg_ctl"), "-D", str(data), "-o", options,
                                "-l", str(folder / "log"), "-w", "start"),
                   check=True, capture_output=True)
    try:
        yield Postgres(folder, port)
    finally:
        subprocess.run(_as_postgres(str(_BIN[-1] / "pg_ctl"), "-D", str(data), "-m",
                                    "immediate", "-w", "stop"), capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def new_lake(postgres: Postgres, template: tuple[str, Path], folder: Path) -> Database:
    """A fresh initialised lake of its own: the template's catalog and data, copied (the
    catalog is told where its copy of the data lives)."""
    name = postgres.new_database(template=template[0])
    data = folder / "lake"
    shutil.copytree(template[1], data)
    postgres.psql(f"UPDATE ducklake_metadata SET value = '{data}/' WHERE key = 'data_path'",
                  name)
    location = PREFIX + postgres.libpq(name)
    # The template was migrated by this code in this session: a copy needs no check of its
    # schema (~0.2 s of catalog reads per test on the lake).
    lake._migrated.add((os.getpid(), location))
    return Database(location, lock_timeout=5, lake_data_path=str(data))
