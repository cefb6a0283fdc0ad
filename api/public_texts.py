"""The public results page's words, Danish and English (the labels of stages, decisions,
technologies and KPI kinds are the reports' own: portfolio/reports/labels.py)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "title": {"da": "Resultater af digitale forsøg", "en": "Results of digital trials"},
    "intro": {
        "da": "Hvad vi har afprøvet, hvad vi har skaleret, og hvad vi har lukket — med "
              "resultaterne og det, vi lærte. Siden viser de initiativer, som "
              "organisationen har valgt at offentliggøre.",
        "en": "What we tried, what we scaled and what we closed — with the results and what "
              "we learned. This page shows the initiatives the organisation chose to publish.",
    },
    "language": {"da": "Sprog", "en": "Language"},
    "none": {"da": "Der er endnu ikke offentliggjort nogen initiativer.",
             "en": "No initiatives have been published yet."},
    "organisations": {"da": "Organisationer", "en": "Organisations"},
    "department": {"da": "Afdeling", "en": "Department"},
    "stage": {"da": "Fase", "en": "Stage"},
    "technology": {"da": "Teknologi", "en": "Technology"},
    "core_task": {"da": "Kerneopgave", "en": "Core task"},
    "hypothesis": {"da": "Hvad vi afprøvede", "en": "What we tried"},
    "started_on": {"da": "Startet", "en": "Started"},
    "outcome": {"da": "Beslutning", "en": "Decision"},
    "no_decision": {"da": "Ingen beslutning endnu", "en": "No decision yet"},
    "outcome_SCALE": {"da": "Skaleret", "en": "Scaled"},
    "outcome_CONTINUE": {"da": "Fortsætter", "en": "Continued"},
    "outcome_PIVOT": {"da": "Justeret", "en": "Pivoted"},
    "outcome_CLOSE": {"da": "Lukket", "en": "Closed"},
    "outcome_PARK": {"da": "Parkeret (ikke nu)", "en": "Parked (not now)"},
    "close_reason": {"da": "Årsag til lukning", "en": "Reason for closing"},
    "results": {"da": "Resultater", "en": "Results"},
    "results_caption": {"da": "Nøgletal for {title}", "en": "KPIs of {title}"},
    "no_results": {"da": "Ingen målinger offentliggjort.", "en": "No measurements published."},
    "kpi": {"da": "Nøgletal", "en": "KPI"},
    "kind": {"da": "Type", "en": "Kind"},
    "baseline": {"da": "Udgangspunkt", "en": "Baseline"},
    "target": {"da": "Mål", "en": "Target"},
    "latest": {"da": "Seneste måling", "en": "Latest measurement"},
    "direction_higher": {"da": "højere er bedre", "en": "higher is better"},
    "direction_lower": {"da": "lavere er bedre", "en": "lower is better"},
    "lessons": {"da": "Det lærte vi", "en": "What we learned"},
    "no_lessons": {"da": "Ingen erfaringer skrevet endnu.", "en": "No lessons written yet."},
    "budget": {"da": "Budget", "en": "Budget"},
    "spent": {"da": "Forbrug", "en": "Spent"},
    "footer": {
        "da": "Offentliggjort med Fail or Scale. Siden indeholder ingen personoplysninger.",
        "en": "Published with Fail or Scale. This page holds no personal data.",
    },
}


def text(key: str, lang: str, **params: str) -> str:
    template = TEXTS[key].get(lang) or TEXTS[key]["en"]
    return template.format(**params) if params else template
