"""The words of the e-mails in Danish and English."""

from __future__ import annotations

from typing import Any

from portfolio.i18n import DECISION_WORDS

TEXTS: dict[str, dict[str, str]] = {
    "subject.owner": {
        "en": "Fail or Scale: {n} of your initiatives need follow-up",
        "da": "Fail or Scale: {n} af dine initiativer kræver opfølgning",
    },
    "subject.steering": {
        "en": "Fail or Scale: agenda for {group} ({n} items)",
        "da": "Fail or Scale: dagsorden for {group} ({n} punkter)",
    },
    "subject.escalation": {
        "en": "Fail or Scale: {n} initiatives are past review without a decision",
        "da": "Fail or Scale: {n} initiativer er over reviewdatoen uden beslutning",
    },
    "greeting": {"en": "Dear {name},", "da": "Kære {name}"},
    "intro.owner": {
        "en": "These initiatives you own need your follow-up as of {date}:",
        "da": "Disse initiativer, som du ejer, kræver din opfølgning pr. {date}:",
    },
    "intro.steering": {
        "en": "These initiatives are on the agenda of {group} as of {date}:",
        "da": "Disse initiativer er på dagsordenen for {group} pr. {date}:",
    },
    "intro.escalation": {
        "en": "These initiatives passed their review date without a decision. They are "
        "escalated to {group} every run until someone decides:",
        "da": "Disse initiativer har passeret reviewdatoen uden en beslutning. De eskaleres "
        "til {group} ved hver kørsel, indtil der træffes en beslutning:",
    },
    "reason.overdue": {
        "en": "Review date {review_on} has passed without a decision",
        "da": "Reviewdatoen {review_on} er passeret uden en beslutning",
    },
    "reason.recommendation_changed": {
        "en": "The recommendation changed from {before} to {now} since the last decision",
        "da": "Anbefalingen er ændret fra {before} til {now} siden seneste beslutning",
    },
    "reason.recommended": {
        "en": "The evaluation recommends {now}; no decision has been taken on it yet",
        "da": "Vurderingen anbefaler {now}; der er endnu ikke truffet en beslutning",
    },
    "reason.needs_data": {
        "en": "Too little evidence to judge: record measurements",
        "da": "For lidt grundlag til en vurdering: registrér målinger",
    },
    "reason.follow_up_6": {
        "en": "6-month follow-up after scaling is due (since {on})",
        "da": "Opfølgning 6 måneder efter skalering er forfalden (siden {on})",
    },
    "reason.follow_up_12": {
        "en": "12-month follow-up after scaling is due (since {on})",
        "da": "Opfølgning 12 måneder efter skalering er forfalden (siden {on})",
    },
    "reason.follow_up": {
        "en": "{months}-month follow-up after scaling is due (since {on})",
        "da": "Opfølgning {months} måneder efter skalering er forfalden (siden {on})",
    },
    "reason.forecast_late": {
        "en": "At the current trend a benefit target is reached only after the review date "
        "({review_on}), or not at all, or should already have been reached",
        "da": "Med den nuværende udvikling nås et gevinstmål først efter reviewdatoen "
        "({review_on}), slet ikke, eller burde allerede være nået",
    },
    "lights": {"en": "Budget {budget} · time {time} · benefit {benefit}",
               "da": "Budget {budget} · tid {time} · gevinst {benefit}"},
    "reason.stale_measurements": {
        "en": "No fresh measurements for: {kpis}",
        "da": "Ingen friske målinger for: {kpis}",
    },
    "subject.decision": {
        "en": "Fail or Scale: {group} decided {decision} on {id}",
        "da": "Fail or Scale: {group} besluttede {decision} for {id}",
    },
    "decision.line": {
        "en": "{id} {title}: {decision}, decided on {on}",
        "da": "{id} {title}: {decision}, besluttet {on}",
    },
    "decision.rationale": {"en": "Rationale", "da": "Begrundelse"},
    "decision.next_review": {"en": "Next review", "da": "Næste review"},
    "recommendation": {"en": "Recommendation", "da": "Anbefaling"},
    "open": {"en": "Open in the dashboard", "da": "Åbn i dashboardet"},
    "board": {"en": "The whole portfolio", "da": "Hele porteføljen"},
    "footer": {
        "en": "Sent by Fail or Scale for {organisation}.",
        "da": "Sendt af Fail or Scale for {organisation}.",
    },
}

RECOMMENDATIONS = DECISION_WORDS  # the reasons' capitals, not the dashboard's labels


def text(key: str, lang: str, **params: Any) -> str:
    return TEXTS[key]["da" if lang == "da" else "en"].format(**params)


def recommendation(value: str | None, lang: str) -> str:
    if value is None:
        return "–"
    return RECOMMENDATIONS.get(value, {}).get("da" if lang == "da" else "en", value)
