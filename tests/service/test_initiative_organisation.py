"""A national operator saving an initiative without choosing its organisation, in an
instance of several (#13): taken from its department when only one organisation has a
department of that name, else refused naming the field, never stored as organisation ''."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio.error_messages import render_error
from portfolio.errors import ValidationFailed
from portfolio.models import Actor, Stage
from portfolio.service import initiatives
from portfolio.service.imports import import_file
from portfolio.storage import Database
from tests.factories import make_initiative
from tests.units import in_transaction


@pytest.fixture
def two(db: Database, operator: Actor, tmp_path: Path) -> Database:
    path = tmp_path / "org.csv"
    path.write_text("kommune;afdeling;styregruppe\n"
                    "Aarhus Kommune;Børn og Unge;Digi Aarhus\n"
                    "Aarhus Kommune;Teknik;Teknik Aarhus\n"
                    "Odense Kommune;Børn og Unge;Digi Odense\n", "utf-8")
    assert import_file(db, operator, path, "organisation").exit_code == 0
    return db


def test_the_organisation_of_the_only_department_of_that_name(two: Database,
                                                               operator: Actor) -> None:
    saved = in_transaction(
        two, initiatives.save_initiative,
        operator, make_initiative(id="T-1", department="Teknik", organisation="",
                                       stage=Stage.IDEA))
    assert saved.organisation == "Aarhus Kommune"


def test_an_ambiguous_department_is_refused_naming_the_field(two: Database,
                                                              operator: Actor) -> None:
    with pytest.raises(ValidationFailed) as refused:
        in_transaction(
            two, initiatives.save_initiative,
            operator, make_initiative(id="B-1", department="Børn og Unge", organisation="",
                                       stage=Stage.IDEA))
    assert refused.value.field == "organisation"
    danish = render_error(refused.value.code, refused.value.params, "da") or ""
    assert "Vælg organisationen" in danish and "Odense Kommune" in danish
    with two.reading() as store:
        assert store.initiatives.get("B-1") is None
