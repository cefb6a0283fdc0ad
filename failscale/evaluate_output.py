"""What `failscale evaluate` prints: a summary of counts, or with --json one object per
verdict, written a page at a time (#15: a national run is 45 k objects; none of them is
built as a model, and only one page is held at once)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any, TextIO

from failscale.say import say
from portfolio import formats
from portfolio.i18n import RECOMMENDATION_LABELS, render_reason_code
from portfolio.storage.run_verdicts import RunVerdict


def json_object(v: RunVerdict) -> dict[str, Any]:
    """One verdict as the contract of PRODUCT.md names it (and a little more)."""
    return {
        "initiative_id": v.initiative_id,
        "organisation": v.organisation,
        "department": v.department,
        "recommendation": v.recommendation,
        "light": v.light,
        "score": v.score,
        "reasons": [render_reason_code(code, params, "en") for code, params in v.reasons],
        "overdue": v.overdue,
        "as_of": v.as_of.isoformat(),
        "policy_version": v.policy_version,
        "run_id": v.run_id,
        "lights": v.lights,
    }


def write_json(pages: Iterable[list[RunVerdict]], out: TextIO) -> None:
    """The array `json.dumps(objects, ensure_ascii=False, indent=2)` would print, streamed."""
    first = True
    for page in pages:
        for verdict in page:
            text = json.dumps(json_object(verdict), ensure_ascii=False, indent=2)
            out.write(("[\n  " if first else ",\n  ") + text.replace("\n", "\n  "))
            first = False
    out.write("[]\n" if first else "\n]\n")


def write_summary(summary: dict[str, Any], out: TextIO, lang: str = "en") -> None:
    """The run's counts in the operator's language: "29 initiativer vurderet pr. 15. maj
    2026 (politik v1):" and one line per recommendation, named as the board names it."""
    as_of = summary["as_of"]
    day = date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    out.write(say("cli.evaluated", lang, n=summary["evaluated"], day=day,
                  version=str(summary["policy_version"])) + "\n")
    names = {name: RECOMMENDATION_LABELS.get(name, {}).get(lang, name)
             for name in summary["recommendations"]}
    width = max((len(n) for n in names.values()), default=0)
    for name, count in summary["recommendations"].items():
        out.write(f"  {names[name]:<{width}}  {formats.count(count, lang)}\n")
