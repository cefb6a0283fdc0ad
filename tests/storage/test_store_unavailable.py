"""The shared store's PostgreSQL down, restarting, out of reach or refusing, its data path
gone, or a new store without a data path (#17): each is told in the reader's language,
naming where the catalog or the data path is (never the password), instead of DuckDB's
exception; a held store carries on once PostgreSQL is back. The first test has a PostgreSQL
of its own, since it stops it."""

from __future__ import annotations

import subprocess
import traceback
from pathlib import Path

import pytest

from portfolio.errors import DatabaseBusy, LakeDataPathMissing, StoreUnavailable
from portfolio.locations import catalog_address
from portfolio.models import Actor, Department, Organisation, SteeringGroup
from portfolio.service.organisation import save_department, save_organisation, save_steering_group
from portfolio.service.queries import departments
from portfolio.service.setup import initialise
from portfolio.storage import Database
from portfolio.storage.lake import PREFIX, release
from tests.postgres import _BIN, Postgres, _as_postgres, running_postgres
from tests.units import in_reading, in_transaction

OPERATOR = Actor.operator()


def pg_ctl(server: Postgres, *action: str) -> None:
    options = f"-p {server.port} -k {server.folder} -h 127.0.0.1 -c fsync=off"
    subprocess.run(_as_postgres(str(_BIN[-1] / "pg_ctl"), "-D", str(server.folder / "data"),
                                "-o", options, "-l", str(server.folder / "log"), "-m", "fast",
                                "-w", *action), check=True, capture_output=True)


def add_department(db: Database, name: str) -> None:
    in_transaction(db, save_department, OPERATOR, Department(
        name=name, organisation="Nabo Kommune", steering_group="Styregruppen"))


def test_a_catalog_down_is_told_for_reads_and_writes_and_a_held_store_carries_on_after(
    tmp_path: Path,
) -> None:
    with running_postgres() as server:
        db = Database(PREFIX + server.libpq(server.new_database()) + " password=hemmelig",
                      lake_data_path=str(tmp_path / "lake"), lock_timeout=5)
        initialise(db, OPERATOR)
        in_transaction(db, save_organisation, OPERATOR, Organisation(name="Nabo Kommune"))
        in_transaction(db, save_steering_group, OPERATOR, SteeringGroup(
            organisation="Nabo Kommune", name="Styregruppen"))
        add_department(db, "Sundhed")

        pg_ctl(server, "stop")
        with pytest.raises(StoreUnavailable) as read:
            in_reading(db, departments, OPERATOR)
        with pytest.raises(StoreUnavailable) as write:
            add_department(db, "Kultur")
        where = f"127.0.0.1:{server.port}/{db.location.split('dbname=')[1].split()[0]}"
        assert where in str(read.value) and "hemmelig" not in str(read.value)
        assert read.value.in_language("da").startswith(
            f"Det fælles lager kan ikke nås lige nu: PostgreSQL på {where} svarer ikke.")
        assert isinstance(write.value, DatabaseBusy)  # answered as a busy database: 503, try again

        pg_ctl(server, "start")
        add_department(db, "Kultur")  # the same held instance, no reopening
        assert [d.name for d in in_reading(db, departments, OPERATOR)] == ["Kultur", "Sundhed"]
        release(db.location)


def test_a_catalog_that_refuses_the_connection_says_why_and_no_log_shows_the_password(
    postgres: Postgres, tmp_path: Path,
) -> None:
    location = f"{PREFIX}dbname=findes_ikke host=127.0.0.1 port={postgres.port} user=postgres " \
               "password=hemmelig"
    db = Database(location, lake_data_path=str(tmp_path / "lake"), lock_timeout=5)
    with pytest.raises(StoreUnavailable) as refused:
        in_reading(db, departments, OPERATOR)
    assert refused.value.in_language("da") == (
        f"PostgreSQL på 127.0.0.1:{postgres.port}/findes_ikke afviser forbindelsen til det "
        'fælles lager: database "findes_ikke" does not exist. Tjek database, bruger og '
        "adgangskode i FAILSCALE_DB. Intet er gemt, og intet er tabt.")
    logged = "".join(traceback.format_exception(refused.value))
    assert "IOException" not in logged and "hemmelig" not in logged


def test_a_store_opened_while_its_catalog_is_out_of_reach_is_told_so(tmp_path: Path) -> None:
    location = PREFIX + "dbname=portefolje host=127.0.0.1 port=1 user=failscale"
    db = Database(location, lake_data_path=str(tmp_path / "lake"), lock_timeout=5)
    with pytest.raises(StoreUnavailable, match=r"127\.0\.0\.1:1/portefolje does not answer"):
        in_reading(db, departments, OPERATOR)
    with pytest.raises(StoreUnavailable):  # and again: nothing half-open was kept
        initialise(db, OPERATOR)


@pytest.mark.parametrize(("location", "where"), [
    ("dbname=failscale host=pg.example.dk port=6432 user=app password=x",
     "pg.example.dk:6432/failscale"),
    ("dbname=failscale user=app", "localhost:5432/failscale"),
])
def test_the_catalog_is_named_by_host_port_and_database(location: str, where: str) -> None:
    assert catalog_address(PREFIX + location) == where


def test_a_data_path_gone_is_told_naming_it_and_the_file_and_reading_resumes_when_back(
    postgres: Postgres, tmp_path: Path,
) -> None:
    """The shared mount of the data path dropped (or an S3 bucket out of reach): what could
    not be opened, and where the data path should be."""
    data = tmp_path / "lake"
    db = Database(PREFIX + postgres.libpq(postgres.new_database()), lake_data_path=str(data),
                  lock_timeout=5)
    initialise(db, OPERATOR)
    in_transaction(db, save_organisation, OPERATOR, Organisation(name="Nabo Kommune"))
    in_transaction(db, save_steering_group, OPERATOR, SteeringGroup(
        organisation="Nabo Kommune", name="Styregruppen"))
    add_department(db, "Sundhed")

    data.rename(tmp_path / "unmounted")
    with pytest.raises(StoreUnavailable) as read:
        in_reading(db, departments, OPERATOR)
    assert read.value.code == "store.data_unavailable"
    told = read.value.in_language("da")
    assert told.startswith(f"Det fælles lagers datafiler kan ikke læses lige nu: {data}/")
    assert f"Er datastien {data} monteret og læsbar på denne maskine?" in told

    (tmp_path / "unmounted").rename(data)
    assert [d.name for d in in_reading(db, departments, OPERATOR)] == ["Sundhed"]
    release(db.location)


def test_a_new_shared_store_without_a_data_path_says_which_setting_to_set(
    postgres: Postgres, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("FAILSCALE_LAKE_DATA_PATH", raising=False)
    db = Database(PREFIX + postgres.libpq(postgres.new_database()), lock_timeout=5)
    with pytest.raises(LakeDataPathMissing) as refused:
        initialise(db, OPERATOR)
    assert "sæt FAILSCALE_LAKE_DATA_PATH til en mappe" in refused.value.in_language("da")
    assert refused.value.__cause__ is None
