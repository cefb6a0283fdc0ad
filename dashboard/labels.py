"""Dashboard labels in English and Danish; reasons come translated from the core."""

from __future__ import annotations

from portfolio.models import Light, Recommendation, Stage

LABELS: dict[str, dict[str, str]] = {
    "app_title": {"en": "Fail or Scale", "da": "Fail or Scale"},
    "board": {"en": "Portfolio board", "da": "Porteføljetavle"},
    "initiative": {"en": "Initiative", "da": "Initiativ"},
    "department": {"en": "Department", "da": "Afdeling"},
    "all_departments": {"en": "All departments", "da": "Alle afdelinger"},
    "active": {"en": "Active initiatives", "da": "Aktive initiativer"},
    "to_scale": {"en": "Recommended to scale", "da": "Anbefalet skaleret"},
    "to_close": {"en": "Recommended to close", "da": "Anbefalet lukket"},
    "needs_data": {"en": "Need data", "da": "Mangler data"},
    "overdue": {"en": "Overdue reviews", "da": "Overskredne reviews"},
    "by_recommendation": {"en": "By recommendation", "da": "Efter anbefaling"},
    "by_stage": {"en": "By stage", "da": "Efter fase"},
    "title": {"en": "Title", "da": "Titel"},
    "stage": {"en": "Stage", "da": "Fase"},
    "light": {"en": "Light", "da": "Lys"},
    "recommendation": {"en": "Recommendation", "da": "Anbefaling"},
    "score": {"en": "Benefit attainment", "da": "Gevinstopnåelse"},
    "review_on": {"en": "Review date", "da": "Reviewdato"},
    "count": {"en": "Count", "da": "Antal"},
    "no_evaluation": {"en": "Not evaluated yet", "da": "Endnu ikke vurderet"},
    "last_run": {"en": "Last evaluation", "da": "Seneste vurdering"},
    "last_run_failed": {
        "en": "The last evaluation failed at {at} — see Prefect",
        "da": "Seneste vurdering fejlede {at} — se Prefect",
    },
    "last_run_ok": {
        "en": "Last evaluation {at} (as of {as_of}, policy v{version}): {n} initiatives",
        "da": "Seneste vurdering {at} (pr. {as_of}, politik v{version}): {n} initiativer",
    },
    "never_run": {"en": "No evaluation has run yet", "da": "Der er endnu ikke kørt en vurdering"},
    "empty": {
        "en": "No initiatives yet. Import some with `failscale import` or load the demo.",
        "da": "Ingen initiativer endnu. Importér med `failscale import` eller indlæs demoen.",
    },
    "choose_initiative": {"en": "Choose an initiative", "da": "Vælg et initiativ"},
    "hypothesis": {"en": "Hypothesis", "da": "Hypotese"},
    "core_task": {"en": "Core task", "da": "Kerneopgave"},
    "owner": {"en": "Owner", "da": "Ejer"},
    "budget": {"en": "Budget (DKK)", "da": "Budget (kr.)"},
    "spent": {"en": "Spent (DKK)", "da": "Forbrug (kr.)"},
    "evaluation": {"en": "Latest evaluation", "da": "Seneste vurdering"},
    "kpis": {"en": "KPIs", "da": "Nøgletal"},
    "baseline": {"en": "Baseline", "da": "Baseline"},
    "target": {"en": "Target", "da": "Mål"},
    "value": {"en": "Value", "da": "Værdi"},
    "date": {"en": "Date", "da": "Dato"},
    "source": {"en": "Source", "da": "Kilde"},
    "decisions": {"en": "Decisions", "da": "Beslutninger"},
    "lessons": {"en": "Lessons", "da": "Erfaringer"},
    "no_measurements": {"en": "No measurements yet", "da": "Ingen målinger endnu"},
    "open": {"en": "Open", "da": "Åbn"},
    "language": {"en": "Language", "da": "Sprog"},
}

RECOMMENDATIONS = {
    Recommendation.SCALE: {"en": "Scale", "da": "Skalér"},
    Recommendation.CONTINUE: {"en": "Continue", "da": "Fortsæt"},
    Recommendation.PIVOT: {"en": "Pivot", "da": "Justér"},
    Recommendation.CLOSE: {"en": "Close", "da": "Luk"},
    Recommendation.NEEDS_DATA: {"en": "Needs data", "da": "Mangler data"},
}

STAGES = {
    Stage.IDEA: {"en": "Idea", "da": "Idé"},
    Stage.EXPERIMENT: {"en": "Experiment", "da": "Eksperiment"},
    Stage.SCALING: {"en": "Scaling", "da": "Skalering"},
    Stage.OPERATION: {"en": "Operation", "da": "Drift"},
    Stage.CLOSED: {"en": "Closed", "da": "Lukket"},
}

LIGHT_ICONS = {Light.GREEN: "🟢", Light.YELLOW: "🟡", Light.RED: "🔴"}


def t(key: str, lang: str, **params: object) -> str:
    text = LABELS.get(key, {}).get(lang) or LABELS.get(key, {}).get("en") or key
    return text.format(**params) if params else text


def recommendation(value: Recommendation | None, lang: str) -> str:
    return RECOMMENDATIONS[value][lang] if value else "—"


def stage(value: Stage, lang: str) -> str:
    return STAGES[value][lang]
