"""A sign-in's session outlives a reload, and not a minute more than it should."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from portfolio.models import Actor, Role, User
from portfolio.service.sessions import SessionLimits, digest
from portfolio.service.signin import LockOut, SignedIn, resume_session, sign_in, sign_out
from portfolio.service.users import add_user, change_password, reset_password, set_active
from portfolio.service.users import update_user as change_user
from portfolio.storage import Database
from tests.units import in_transaction

pytestmark = pytest.mark.security

ADMIN = Actor.operator()
LIMITS = SessionLimits(idle_minutes=30, max_hours=12)
PASSWORD = "a long new secret 42"


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@pytest.fixture
def signed(portfolio: Database) -> SignedIn:
    """A leader of A, signed in with their own password."""
    issued = in_transaction(portfolio, add_user, ADMIN, User(username="lone", role=Role.LEADER,
                                             departments=("A",)))
    first = sign_in(portfolio, "lone", issued.password, LockOut())
    in_transaction(portfolio, change_password,
                   first.actor, issued.password, PASSWORD, min_length=12)
    sign_out(portfolio, first.actor, session=first.session)
    return sign_in(portfolio, "lone", PASSWORD, LockOut())


def test_a_new_tab_with_the_session_token_is_signed_in_as_the_same_user(
    portfolio: Database, signed: SignedIn
) -> None:
    resumed = resume_session(portfolio, signed.session, LIMITS)

    assert resumed is not None
    assert resumed.actor == signed.actor and not resumed.must_change_password
    with portfolio.reading() as store:
        assert store.audit.for_entity("user", "lone")[0].action == "resume_session"


def test_only_a_hash_of_the_token_is_stored(portfolio: Database, signed: SignedIn) -> None:
    assert signed.session and len(signed.session) >= 43
    with portfolio.reading() as store:
        assert store.sessions.get(signed.session) is None
        assert store.sessions.get(digest(signed.session)) is not None


def test_signing_out_ends_the_session(portfolio: Database, signed: SignedIn) -> None:
    sign_out(portfolio, signed.actor, session=signed.session)

    assert resume_session(portfolio, signed.session, LIMITS) is None


def test_an_idle_session_is_not_resumed_and_is_removed(
    portfolio: Database, signed: SignedIn
) -> None:
    key = digest(signed.session or "")
    with portfolio.transaction() as store:
        store.sessions.touch(key, now() - timedelta(minutes=31))

    assert resume_session(portfolio, signed.session, LIMITS) is None
    with portfolio.reading() as store:
        assert store.sessions.get(key) is None


def test_a_session_in_use_ends_after_its_longest_lifetime(
    portfolio: Database, signed: SignedIn
) -> None:
    key = digest(signed.session or "")
    with portfolio.transaction() as store:
        store.sessions.end(key)
        store.sessions.start(key, "lone", now() - timedelta(hours=12, minutes=1))
        store.sessions.touch(key, now())

    assert resume_session(portfolio, signed.session, LIMITS) is None


def test_disabling_an_account_ends_its_sessions_at_once(
    portfolio: Database, signed: SignedIn
) -> None:
    in_transaction(portfolio, set_active, ADMIN, "lone", False)

    with portfolio.reading() as store:
        assert store.sessions.get(digest(signed.session or "")) is None
    assert resume_session(portfolio, signed.session, LIMITS) is None


def test_a_password_reset_ends_the_sessions_opened_with_the_old_password(
    portfolio: Database, signed: SignedIn
) -> None:
    in_transaction(portfolio, reset_password, ADMIN, "lone")

    assert resume_session(portfolio, signed.session, LIMITS) is None


def test_a_role_changed_meanwhile_applies_when_the_session_resumes(
    portfolio: Database, signed: SignedIn
) -> None:
    in_transaction(portfolio, change_user, ADMIN, User(username="lone", role=Role.VIEWER))

    resumed = resume_session(portfolio, signed.session, LIMITS)

    assert resumed is not None and resumed.actor.role == Role.VIEWER
    assert resumed.actor.departments == ()


@pytest.mark.parametrize("token", [None, "", "not-a-session", "x" * 10_000, "' OR 1=1 --"])
def test_a_missing_forged_or_oversized_token_signs_nobody_in(
    portfolio: Database, signed: SignedIn, token: str | None
) -> None:
    assert resume_session(portfolio, token, LIMITS) is None
    assert resume_session(portfolio, signed.session, LIMITS) is not None


def test_a_sign_in_clears_the_sessions_nobody_came_back_to(
    portfolio: Database, signed: SignedIn
) -> None:
    abandoned = digest(signed.session or "")
    with portfolio.transaction() as store:
        store.sessions.touch(abandoned, now() - timedelta(hours=2))

    again = sign_in(portfolio, "lone", PASSWORD, LockOut(), LIMITS)

    with portfolio.reading() as store:
        assert store.sessions.get(abandoned) is None
        assert store.sessions.get(digest(again.session or "")) is not None
