"""docs/review-policy.md documents every criterion that runs and every policy setting
(as datasette's test_docs does for its settings). FAILSCALE_* settings:
tests/flows/test_operations_doc.py."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from portfolio.i18n import REASONS
from portfolio.review.criteria import CRITERIA
from portfolio.review.policy import ReviewPolicy

DOC = Path(__file__).resolve().parents[2] / "docs" / "review-policy.md"


def policy_settings() -> list[str]:
    """`section.setting` for every threshold of the policy document."""
    found = []
    for section, info in ReviewPolicy.model_fields.items():
        model = info.annotation
        if isinstance(model, type) and issubclass(model, BaseModel):
            found += [f"{section}.{name}" for name in model.model_fields]
    return found


def test_every_registered_criterion_has_a_section_in_the_review_policy_doc() -> None:
    text = DOC.read_text("utf-8")
    assert [name for name in CRITERIA if f"(`{name}`)" not in text] == []


def test_every_policy_setting_is_documented_in_the_review_policy_doc() -> None:
    text = DOC.read_text("utf-8")
    settings = policy_settings()
    assert len(settings) >= 8
    assert [s for s in settings if f"`{s}`" not in text] == []


def test_every_reason_code_a_criterion_writes_has_danish_and_english_texts() -> None:
    codes = [code for c in CRITERIA.values() for code in c.reasons]
    assert [c for c in codes if set(REASONS.get(c, {})) < {"da", "en"}] == []
