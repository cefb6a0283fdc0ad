"""Danish first (#13): the product's default language is Danish, and each user's own choice
of English (or Danish) is kept on their account, audited."""

from __future__ import annotations

import pytest

from portfolio.errors import ValidationFailed
from portfolio.models import Actor, Role, User
from portfolio.service.users import add_user, set_own_language
from portfolio.settings import Settings
from tests.units import in_transaction


def test_the_default_language_is_danish(monkeypatch):
    monkeypatch.delenv("FAILSCALE_LANGUAGE", raising=False)
    assert Settings().language == "da"


def test_a_user_may_choose_english_for_themselves_and_it_is_kept_and_audited(db, operator):
    in_transaction(db, add_user, operator, User(username="mette", role=Role.VIEWER))
    mette = Actor(username="mette", role=Role.VIEWER, language="da")

    after = in_transaction(db, set_own_language, mette, "en")

    assert after is not None and after.language == "en"
    with db.reading() as store:
        assert store.users.get("mette").language == "en"
        changes = [e for e in store.audit.for_entity("user", "mette") if e.action == "update"]
    assert changes and changes[-1].actor == "mette"


def test_an_unknown_language_is_refused_and_an_actor_without_account_is_left_alone(db):
    with pytest.raises(ValidationFailed):
        in_transaction(db, set_own_language, Actor.operator(), "sv")
    assert in_transaction(db, set_own_language, Actor.operator(), "en") is None
