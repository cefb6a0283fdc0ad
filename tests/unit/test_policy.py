"""The review policy: defaults of PRODUCT.md, validation, and versioning."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portfolio.errors import PolicyInvalid
from portfolio.models import Recommendation
from portfolio.review.policy import (
    ReviewPolicy,
    default_policy,
    parse_policy,
    parse_policy_toml,
    shipped_versions,
)
from tests.engine import evaluate
from tests.factories import AS_OF, make_initiative, make_kpi, make_measurements, make_snapshot


def test_the_default_policy_is_version_2_with_the_thresholds_of_the_product_brief():
    policy = default_policy()

    assert (policy.name, policy.version) == ("default", 2)
    assert policy.evidence.min_measurements == 3
    assert policy.evidence.max_age_days == 90
    assert policy.guardrail.max_worsening == 0.10
    assert (policy.attainment.green, policy.attainment.yellow) == (0.8, 0.4)
    assert (policy.budget.green_overrun, policy.budget.yellow_overrun) == (0.10, 0.25)
    assert policy.followup.months_after_scaling == (6, 12)


def test_the_default_toml_matches_the_model_defaults():
    assert default_policy().thresholds() == ReviewPolicy().thresholds()


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("[attainment]\ngreen = 0.5\nyellow = 0.6", "attainment.yellow"),
        ("[budget]\ngreen_overrun = 0.3\nyellow_overrun = 0.2", "budget.green_overrun"),
        ("[guardrail]\nmax_worsening = -0.1", "guardrail.max_worsening"),
        ("[evidence]\nmin_measurements = -1", "evidence.min_measurements"),
        ("[evidence]\nmax_age_days = 0", "evidence.max_age_days"),
        ("[budget]\ngreen_overrun = -0.05", "budget.green_overrun"),
        ("[attainment]\nyellow = -0.4", "attainment.yellow"),
        ("[evidence]\nmin_meassurements = 3", "evidence.min_meassurements"),
        ("colour = 'green'", "colour"),
        ("version = 0", "version"),
    ],
)
def test_an_invalid_policy_is_refused_with_a_message_naming_the_field(text, field):
    with pytest.raises(PolicyInvalid) as caught:
        parse_policy_toml(text)

    assert field in str(caught.value)


def test_a_policy_that_is_not_toml_is_refused():
    with pytest.raises(PolicyInvalid, match="not valid TOML"):
        parse_policy_toml("[attainment\ngreen = ")


def test_a_policy_document_with_only_some_settings_keeps_the_defaults_for_the_rest():
    policy = parse_policy({"name": "strict", "version": 3, "attainment": {"green": 0.9}})

    assert (policy.name, policy.version) == ("strict", 3)
    assert policy.attainment.green == 0.9
    assert policy.attainment.yellow == 0.4
    assert policy.budget == default_policy().budget


def test_next_version_bumps_the_version_and_changes_only_what_is_given():
    policy = default_policy()
    stricter = policy.next_version(evidence={"min_measurements": 5})

    assert stricter.version == policy.version + 1
    assert stricter.name == policy.name
    assert stricter.evidence.min_measurements == 5
    assert stricter.evidence.max_age_days == 90
    assert stricter.thresholds() != policy.thresholds()
    assert policy.evidence.min_measurements == 3  # the old version is untouched


def test_next_version_validates_the_change():
    with pytest.raises(PolicyInvalid, match=r"attainment\.yellow"):
        default_policy().next_version(attainment={"yellow": 0.9})
    with pytest.raises(PolicyInvalid, match=r"budget\.red_overrun"):
        default_policy().next_version(budget={"red_overrun": 0.5})


def test_policies_are_frozen():
    with pytest.raises(ValueError):
        default_policy().attainment.green = 0.5  # type: ignore[misc]


def test_a_new_version_changes_the_verdict_it_names():
    kpi = make_kpi("benefit")
    snap = make_snapshot(
        make_initiative(review_on=AS_OF - timedelta(days=1)),
        [kpi],
        make_measurements(kpi, [70] * 4),  # steady at 70 % for 90 days
    )
    lenient = default_policy().next_version(attainment={"green": 0.7})

    assert evaluate(snap, default_policy(), AS_OF).recommendation is Recommendation.PIVOT
    assert evaluate(snap, lenient, AS_OF).recommendation is Recommendation.SCALE
    assert lenient.version == 3


def test_version_2_holds_the_settings_of_issue_18_and_version_1_is_kept_without_them():
    v1, v2 = shipped_versions()

    assert [(p.name, p.version) for p in (v1, v2)] == [("default", 1), ("default", 2)]
    assert v2 == default_policy()
    assert (v2.scale.required, v2.attainment.cap_self_reported, v2.time.red_after_days) == (
        True, True, 30)
    assert (v1.scale.required, v1.attainment.cap_self_reported, v1.time.red_after_days) == (
        False, False, 3650)
    same = {"evidence", "guardrail", "budget", "followup"}
    assert {k: v for k, v in v1.thresholds().items() if k in same} == {
        k: v for k, v in v2.thresholds().items() if k in same}


def test_the_bouncing_kpi_scales_under_version_1_and_waits_for_proof_under_version_2():
    kpi = make_kpi("applications", baseline=0.0, target=30.0)
    snap = make_snapshot(make_initiative(), [kpi],
                         make_measurements(kpi, [10, 25, 8, 22, 12, 31]))
    v1, v2 = shipped_versions()

    assert evaluate(snap, v1, AS_OF).recommendation is Recommendation.SCALE
    assert evaluate(snap, v2, AS_OF).recommendation is Recommendation.CONTINUE
