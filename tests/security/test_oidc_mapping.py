"""OpenID Connect: the provider's claims decide role and scope (pure mapping), and the
dashboard signs a user in from st.user (AppTest's `at.user`, no live provider)."""

from __future__ import annotations

import pytest

from portfolio.errors import SignInFailed
from portfolio.models import Role
from portfolio.service.oidc import ClaimMapping, role_from_claims, user_from_claims

pytestmark = pytest.mark.security

ENTRA = ClaimMapping(role_claim="roles", role_map={"FailScale.Admin": "admin",
                                                    "FailScale.Leader": "leader",
                                                    "FailScale.Steering": "steering_member"})
GROUPS = ClaimMapping(role_claim="groups",
                      role_map={"7f1c0d5e-0000-4000-8000-000000000001": "viewer"})


@pytest.mark.parametrize(("claims", "mapping", "role"), [
    ({"roles": ["FailScale.Leader"]}, ENTRA, Role.LEADER),
    ({"roles": ["failscale.admin"]}, ENTRA, Role.ADMIN),
    ({"roles": ["FailScale.Leader", "FailScale.Admin"]}, ENTRA, Role.ADMIN),
    ({"roles": "steering_member"}, ENTRA, Role.STEERING_MEMBER),
    ({"roles": ["Something.Else"]}, ENTRA, None),
    ({}, ENTRA, None),
    ({"groups": ["7f1c0d5e-0000-4000-8000-000000000001", "other"]}, GROUPS, Role.VIEWER),
    ({"roles": ["Something.Else"]}, ClaimMapping(default_role="viewer"), Role.VIEWER),
])
def test_the_role_comes_from_the_configured_claim_and_the_highest_mapped_role_wins(
    claims: dict, mapping: ClaimMapping, role: Role | None
) -> None:
    assert role_from_claims(claims, mapping) is role


def test_a_steering_members_department_claim_may_name_their_steering_group() -> None:
    user = user_from_claims(
        {"preferred_username": "karen@kommune.dk", "name": "Karen", "locale": "da-DK",
         "roles": ["FailScale.Steering"], "department": ["Velfærd"]},
        ENTRA, frozenset({"Velfærd"}))
    assert (user.username, user.role, user.steering_group, user.departments, user.language) == (
        "karen@kommune.dk", Role.STEERING_MEMBER, "Velfærd", (), "da")


def test_a_viewer_gets_no_departments_and_a_user_without_a_role_is_refused() -> None:
    viewer = user_from_claims({"email": "b@k.dk", "roles": ["viewer"], "department": "A"},
                              ENTRA, frozenset())
    assert viewer.departments == ()
    with pytest.raises(SignInFailed, match="has no Fail or Scale role"):
        user_from_claims({"email": "x@k.dk", "roles": []}, ENTRA, frozenset())


def _oidc_app(monkeypatch, user: dict):
    from streamlit.testing.v1 import AppTest

    from tests.dashboard.conftest import APP

    monkeypatch.setenv("FAILSCALE_AUTH_MODE", "oidc")
    monkeypatch.setenv("FAILSCALE_OIDC_ROLE_MAP", '{"FailScale.Leader": "leader"}')
    at = AppTest.from_file(APP, default_timeout=30)
    at.user = user
    return at.run()


@pytest.mark.usefixtures("demo_db")
def test_the_dashboard_signs_in_an_oidc_user_with_the_mapped_role(monkeypatch) -> None:
    at = _oidc_app(monkeypatch, {
        "is_logged_in": True, "preferred_username": "mette@demo.dk", "name": "Mette",
        "roles": ["FailScale.Leader"], "department": ["Sundhed og Ældre"]})
    assert not at.exception, at.exception
    actor = at.session_state["actor"]
    assert (actor.username, actor.role, actor.departments) == (
        "mette@demo.dk", Role.LEADER, ("Sundhed og Ældre",))
    assert at.title[0].value == "Portfolio board"


@pytest.mark.usefixtures("demo_db")
def test_an_oidc_user_without_a_role_sees_why_and_nothing_else(monkeypatch) -> None:
    at = _oidc_app(monkeypatch, {"is_logged_in": True, "email": "guest@demo.dk",
                                      "roles": []})
    assert "has no Fail or Scale role" in at.error[0].value
    assert [t.value for t in at.title] == ["Sign in to Fail or Scale"]
    assert not at.metric


@pytest.mark.usefixtures("demo_db")
def test_a_signed_out_oidc_visitor_is_offered_only_the_sign_in_button(monkeypatch) -> None:
    at = _oidc_app(monkeypatch, {"is_logged_in": False})
    assert [b.label for b in at.button] == ["Sign in with your organisation's account"]
    assert not at.metric


def test_the_organisation_claim_places_the_user_in_that_organisation() -> None:
    user = user_from_claims({"email": "a@k.dk", "roles": ["admin"],
                             "organisation": ["Demo Kommune", "Other"]}, ENTRA, frozenset())
    assert user.organisation == "Demo Kommune"
    national = user_from_claims({"email": "n@k.dk", "roles": ["admin"]}, ENTRA, frozenset())
    assert national.organisation == ""
