"""What evaluate-portfolio shows in the Prefect UI: the recommendations as a table and
each steering group's agenda as markdown, with links into the dashboard."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from prefect.artifacts import create_markdown_artifact, create_table_artifact

from flows.common import slug
from portfolio.models import Verdict
from portfolio.notify.compose import Style
from portfolio.notify.texts import recommendation, text
from portfolio.review.agenda import Agenda, AgendaItem
from portfolio.service.evaluation import most_urgent

TABLE_ROWS = 500
"""Most rows of the recommendations artifact: a national run has 50 k verdicts (#7)."""


def recommendation_rows(verdicts: Sequence[Verdict], titles: dict[str, str],
                        limit: int = TABLE_ROWS) -> list[dict[str, Any]]:
    """The `limit` most urgent verdicts (overdue, then CLOSE, NEEDS_DATA, …) as rows."""
    return [
        {
            "initiative": v.initiative_id,
            "title": titles.get(v.initiative_id, ""),
            "recommendation": v.recommendation.value,
            "light": v.light.value,
            "score": None if v.score is None else round(v.score, 3),
            "overdue": v.overdue,
            "why": v.reasons[-1].render("en") if v.reasons else "",
        }
        for v in most_urgent(verdicts, limit)
    ]


def agenda_markdown(group: str, items: tuple[AgendaItem, ...], agenda: Agenda,
                    style: Style) -> str:
    lang = style.default_language
    lines = [
        f"# {group or '(no steering group)'} — {agenda.as_of.isoformat()}",
        "",
        f"| {text('recommendation', lang)} | Initiative | Why |",
        "|---|---|---|",
    ]
    for item in items:
        ini = item.initiative
        link = f"{style.dashboard_url.rstrip('/')}/initiative?id={ini.id}"
        rec = recommendation(item.recommendation.value if item.recommendation else None, lang)
        why = "; ".join(r.value.replace("_", " ") for r in item.reasons)
        title = ini.title.replace("|", "/")
        lines.append(f"| {rec} | [{title}]({link}) ({ini.id}) | {why} |")
    return "\n".join(lines) + "\n"


def publish(verdicts: Sequence[Verdict], titles: dict[str, str], agenda: Agenda,
            style: Style) -> list[str]:
    """Create the artifacts; returns their keys."""
    rows = recommendation_rows(verdicts, titles)
    shown = "" if len(rows) == len(verdicts) else (
        f" — the {len(rows):,} most urgent of {len(verdicts):,} (overdue, then close, then "
        "needs data); the dashboard's board and its export hold all")
    create_table_artifact(rows, key="recommendations",
                          description=f"Recommendations as of {agenda.as_of.isoformat()}{shown}")
    keys = ["recommendations"]
    for group, items in agenda.for_steering_groups().items():
        key = f"agenda-{slug(group)}"
        create_markdown_artifact(agenda_markdown(group, items, agenda, style), key=key,
                                 description=f"Agenda of {group or 'no steering group'}")
        keys.append(key)
    return keys
