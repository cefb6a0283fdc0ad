"""docs/operations.md documents every setting and every scheduled deployment."""

from __future__ import annotations

from pathlib import Path

from flows.deployments import deployments
from portfolio.settings import Settings

DOC = Path(__file__).resolve().parents[2] / "docs" / "operations.md"


def test_every_setting_is_documented_in_operations() -> None:
    text = DOC.read_text("utf-8")
    missing = [f"FAILSCALE_{name.upper()}" for name in Settings.model_fields
               if f"`FAILSCALE_{name.upper()}`" not in text]
    assert missing == []


def test_every_scheduled_deployment_is_documented_in_operations() -> None:
    text = DOC.read_text("utf-8")
    names = [d.name for d in deployments(Settings())]
    assert [n for n in names if f"`{n}`" not in text] == []
