"""Local sign-in: argon2 hashes, one-time passwords, lock-out, and an audit of it all."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from portfolio.errors import NotAllowed, SignInFailed, ValidationFailed
from portfolio.models import Actor, Role, User
from portfolio.service.signin import LockOut, idle_expired, locked_for, sign_in
from portfolio.service.users import (
    actor_for,
    add_user,
    change_password,
    create_first_admin,
    reset_password,
    set_active,
)
from portfolio.storage import Database
from tests.units import in_reading, in_transaction

pytestmark = pytest.mark.security

ADMIN = Actor.operator()
LOCK_OUT = LockOut(max_failures=3, minutes=15)


def actions(db: Database, username: str) -> list[str]:
    with db.reading() as store:
        return [e.action for e in reversed(store.audit.for_entity("user", username))]


@pytest.fixture
def leader(portfolio: Database) -> str:
    """A new leader of A and their one-time password."""
    return in_transaction(portfolio, add_user, ADMIN, User(username="lone", role=Role.LEADER,
                                           departments=("A",))).password


def test_a_new_user_signs_in_with_the_one_time_password_and_must_change_it(
    portfolio: Database, leader: str
) -> None:
    signed = sign_in(portfolio, "lone", leader, LOCK_OUT)
    assert signed.must_change_password
    assert signed.actor == Actor(username="lone", role=Role.LEADER, departments=("A",),
                                 language="da")

    in_transaction(portfolio, change_password,
                   signed.actor, leader, "a long new secret 42", min_length=12)

    again = sign_in(portfolio, "lone", "a long new secret 42", LOCK_OUT)
    assert not again.must_change_password
    assert actions(portfolio, "lone") == ["create", "sign_in", "change_password", "sign_in"]
    with portfolio.reading() as store:
        assert store.users.password_hash("lone").startswith("$argon2id$")


@pytest.mark.parametrize(("username", "password"), [
    ("lone", "wrong password"), ("nobody", "whatever"), ("LONE", "x"), ("", ""),
    ("' OR '1'='1", "' OR '1'='1"),
])
def test_a_failed_sign_in_says_only_wrong_user_name_or_password_and_is_audited(
    portfolio: Database, leader: str, username: str, password: str
) -> None:
    with pytest.raises(SignInFailed, match=r"^Wrong user name or password\.$"):
        sign_in(portfolio, username, password, LOCK_OUT)
    assert actions(portfolio, username.strip())[-1] == "sign_in_failed"


def test_a_disabled_user_cannot_sign_in_or_act(portfolio: Database, leader: str) -> None:
    in_transaction(portfolio, set_active, ADMIN, "lone", False)
    with pytest.raises(SignInFailed, match="Wrong user name or password"):
        sign_in(portfolio, "lone", leader, LOCK_OUT)
    with pytest.raises(NotAllowed, match="disabled"):
        in_reading(portfolio, actor_for, "lone")


def test_too_many_failures_lock_the_user_name_until_an_administrator_resets_it(
    portfolio: Database, leader: str
) -> None:
    for _ in range(LOCK_OUT.max_failures):
        with pytest.raises(SignInFailed, match="Wrong"):
            sign_in(portfolio, "lone", "guess", LOCK_OUT)
    with pytest.raises(SignInFailed, match=r"Too many failed sign-ins for lone\. Try again in"):
        sign_in(portfolio, "lone", leader, LOCK_OUT)  # even the right password waits
    assert actions(portfolio, "lone")[-1] == "sign_in_locked"

    fresh = in_transaction(portfolio, reset_password, ADMIN, "lone").password
    assert sign_in(portfolio, "lone", fresh, LOCK_OUT).actor.username == "lone"


def test_a_lock_out_ends_when_the_failures_age_out_of_the_window() -> None:
    now = datetime(2025, 6, 30, 12, 0)
    failures = [now - timedelta(minutes=m) for m in (14, 10, 1)]
    assert locked_for(failures, LOCK_OUT, now) == 1
    assert locked_for(failures, LOCK_OUT, now + timedelta(minutes=2)) == 0
    assert locked_for(failures[1:], LOCK_OUT, now) == 0


def test_an_idle_session_expires_after_the_setting() -> None:
    now = datetime(2025, 6, 30, 12, 0)
    assert idle_expired(now - timedelta(minutes=31), now, 30)
    assert not idle_expired(now - timedelta(minutes=29), now, 30)
    assert not idle_expired(None, now, 30)


@pytest.mark.parametrize(("new", "why"), [
    ("short", "at least 12 characters"),
    ("lone-is-my-name-123", "must not contain your user name"),
    ("aaaaaaaaaaaaaaaa", "too easy to guess"),
])
def test_a_new_password_must_follow_the_policy(
    portfolio: Database, leader: str, new: str, why: str
) -> None:
    actor = in_reading(portfolio, actor_for, "lone")
    with pytest.raises(ValidationFailed, match=why):
        in_transaction(portfolio, change_password, actor, leader, new, min_length=12)


def test_the_first_administrator_is_created_once_with_a_one_time_password(
    tmp_path,
) -> None:
    from portfolio.service.setup import initialise

    db = Database(tmp_path / "fresh.duckdb")
    initialise(db, ADMIN)
    first = in_transaction(db, create_first_admin, ADMIN)
    assert first is not None and first.user.must_change_password
    assert len(first.password) >= 20 and first.password not in repr(first)
    assert in_transaction(db, create_first_admin, ADMIN) is None
    assert sign_in(db, "admin", first.password, LOCK_OUT).must_change_password


def test_the_last_active_administrator_cannot_be_disabled(portfolio: Database) -> None:
    with pytest.raises(ValidationFailed, match="At least one active administrator"):
        in_transaction(portfolio, set_active, ADMIN, "ada", False)
