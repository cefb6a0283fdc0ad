"""The dashboard's sign-in gate with local accounts (FAILSCALE_AUTH_MODE=local, the default)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from portfolio.demo.org import USERS
from portfolio.models import Actor, Role
from portfolio.service.users import create_demo_users, reset_password
from portfolio.storage import Database
from tests.dashboard.conftest import APP
from tests.units import in_transaction

pytestmark = pytest.mark.security

SIGN_IN = "Sign in to Fail or Scale"
SIGN_IN_DA = "Log ind i Fail or Scale"  # after a Danish user's session: their language


@pytest.fixture
def logins(demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The demo users' passwords, with sign-in required."""
    monkeypatch.setenv("FAILSCALE_AUTH_MODE", "local")
    return {i.user.username: i.password
            for i in in_transaction(demo_db, create_demo_users, Actor.operator(), USERS)}


def signed_in(username: str, password: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.text_input(key="sign_in_username").input(username)
    at.text_input(key="sign_in_password").input(password)
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def test_a_signed_out_visitor_sees_only_the_sign_in_form(logins) -> None:
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert [t.value for t in at.title] == [SIGN_IN]
    assert not at.metric and not at.dataframe
    assert at.text_input(key="sign_in_password").proto.type == at.text_input(
        key="sign_in_password").proto.PASSWORD
    assert not any("Signed in as" in c.value for c in at.sidebar.caption)


def test_a_wrong_password_is_refused_and_the_visitor_stays_signed_out(logins) -> None:
    at = signed_in("mette.soerensen", "not the password")
    assert "Wrong user name or password." in at.error[0].value
    assert [t.value for t in at.title] == [SIGN_IN]


def test_a_leader_signs_in_and_acts_in_their_departments_only(logins) -> None:
    at = signed_in("mette.soerensen", logins["mette.soerensen"])
    assert at.title[0].value == "Porteføljetavle"  # the user's language
    actor = at.session_state["actor"]
    assert (actor.role, set(actor.departments)) == (
        Role.LEADER, {"Social og Beskæftigelse", "Sundhed og Ældre"})
    assert any("soerensen" in c.value for c in at.sidebar.caption)


def test_a_leader_is_not_offered_the_users_or_policy_page(logins) -> None:
    at = signed_in("mette.soerensen", logins["mette.soerensen"])
    for page in ("users", "policy"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(f"app_pages/{page}.py")


def test_an_administrator_adds_a_user_and_sees_the_one_time_password_once(logins) -> None:
    at = signed_in("admin", logins["admin"])
    at.switch_page("app_pages/users.py").run()
    at.text_input(key="new_username").input("ny.leder")
    at.selectbox(key="new_role").set_value(Role.VIEWER)
    at.button(key="FormSubmitter:add_user-Tilføj").click().run()
    assert not at.exception, at.exception
    password = at.code[0].value
    assert len(password) >= 20
    # the form is ready for the next account
    assert at.text_input(key="new_username").value == ""
    assert at.selectbox(key="new_role").value == Role.VIEWER
    at.run()
    assert not at.code


def test_a_one_time_password_must_be_changed_before_anything_else(
    logins, demo_db: Database
) -> None:
    one_time = in_transaction(demo_db, reset_password, Actor.operator(), "borgmester").password
    at = signed_in("borgmester", one_time)
    assert [t.value for t in at.title] == ["Vælg din egen adgangskode"]
    at.text_input(key="current_password").input(one_time)
    at.text_input(key="new_password").input("en lang og hemmelig sætning")
    at.text_input(key="repeat_password").input("en lang og hemmelig sætning")
    at.button[0].click().run()
    assert at.title[0].value == "Porteføljetavle"


def test_an_idle_session_expires_and_asks_to_sign_in_again(logins) -> None:
    at = signed_in("hanne.lund", logins["hanne.lund"])
    at.session_state["auth_last_seen"] = datetime.now() - timedelta(hours=2)
    at.run()
    assert [t.value for t in at.title] == [SIGN_IN_DA]
    assert "udløb efter 30 minutter" in at.info[0].value


def test_signing_out_returns_to_the_sign_in_page(logins) -> None:
    at = signed_in("karen.holm", logins["karen.holm"])
    at.button(key="sign_out").click().run()
    assert [t.value for t in at.title] == [SIGN_IN_DA]
    assert "actor" not in at.session_state


def test_a_disabled_account_is_signed_out_at_its_next_click(logins, demo_db: Database) -> None:
    from portfolio.service.users import set_active

    at = signed_in("jonas.kristensen", logins["jonas.kristensen"])
    in_transaction(demo_db, set_active, Actor.operator(), "jonas.kristensen", False)
    at.run()
    assert [t.value for t in at.title] == [SIGN_IN_DA]
    assert "er deaktiveret" in at.info[0].value  # jonas reads Danish


def test_an_administrator_exports_the_audit_log_from_the_users_page(logins) -> None:
    at = signed_in("admin", logins["admin"])
    at.switch_page("app_pages/users.py").run()
    at.button(key="audit_prep").click().run()
    assert not at.exception, at.exception
    assert at.get("download_button"), "no download offered"


def test_signing_out_in_another_tab_signs_this_tab_out_at_its_next_click(
    logins, demo_db: Database
) -> None:
    from portfolio.service.signin import sign_out

    at = signed_in("karen.holm", logins["karen.holm"])
    sign_out(demo_db, at.session_state["actor"], session=at.session_state["auth_session_token"])
    at.run()
    assert [t.value for t in at.title] == [SIGN_IN_DA]
    assert "logget ud i en anden fane" in at.info[0].value
