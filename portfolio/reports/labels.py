"""The words of the printed reports in English and Danish.

Reasons come translated from portfolio/i18n.py; these are the headings, table labels and
plain-language sentences around them. Every key exists in both languages (a test says so).
"""

from __future__ import annotations

from portfolio.i18n import CLOSE_REASON_LABELS, RECOMMENDATION_LABELS, STAGE_LABELS

LABELS: dict[str, dict[str, str]] = {
    # Page furniture
    "page": {"en": "Page", "da": "Side"},
    "of": {"en": "of", "da": "af"},
    "evidence_as_of": {"en": "Evidence as of {day}", "da": "Grundlag pr. {day}"},
    # Initiative facts
    "department": {"en": "Department", "da": "Afdeling"},
    "departments": {"en": "Departments", "da": "Afdelinger"},
    "owner": {"en": "Owner", "da": "Ejer"},
    "stage": {"en": "Stage", "da": "Fase"},
    "technology": {"en": "Technology", "da": "Teknologi"},
    "core_task": {"en": "Core task", "da": "Kerneopgave"},
    "hypothesis": {"en": "Hypothesis", "da": "Hypotese"},
    "review_on": {"en": "Review date", "da": "Reviewdato"},
    "initiative": {"en": "Initiative", "da": "Initiativ"},
    "recommendation": {"en": "Recommendation", "da": "Anbefaling"},
    "score": {"en": "Benefit attainment", "da": "Gevinstopnåelse"},
    "overall_light": {"en": "Overall", "da": "Samlet"},
    "not_evaluated": {"en": "Not evaluated yet", "da": "Endnu ikke vurderet"},
    # Evidence
    "why": {"en": "Why", "da": "Begrundelse"},
    "evidence": {"en": "Evidence", "da": "Grundlag"},
    "kind": {"en": "Kind", "da": "Type"},
    "baseline": {"en": "Baseline", "da": "Baseline"},
    "target": {"en": "Target", "da": "Mål"},
    "latest": {"en": "Latest", "da": "Seneste"},
    "progress": {"en": "Progress", "da": "Fremdrift"},
    "count": {"en": "Measurements", "da": "Målinger"},
    "age": {"en": "Age", "da": "Alder"},
    "days": {"en": "{n} days", "da": "{n} dage"},
    "provenance": {"en": "Provenance", "da": "Kilde"},
    "stale": {"en": "stale", "da": "forældet"},
    "kpi": {"en": "KPI", "da": "Nøgletal"},
    "then_and_now": {"en": "Follow-up: then and now", "da": "Opfølgning: dengang og nu"},
    "then_value": {"en": "When scaled ({day})", "da": "Ved skalering ({day})"},
    "now_value": {"en": "Now", "da": "Nu"},
    "spread_then_now": {"en": "Spread: {adopted} of {planned} planned departments have adopted it "
                        "({names})",
                  "da": "Udbredelse: {adopted} af {planned} planlagte afdelinger har taget den "
                        "i brug ({names})"},
    "light_budget": {"en": "Budget", "da": "Budget"},
    "light_time": {"en": "Time", "da": "Tid"},
    "light_benefit": {"en": "Benefit", "da": "Gevinst"},
    "forecast_on": {"en": "Target reached {day} at the current trend",
                    "da": "Målet nås {day} med den nuværende udvikling"},
    "forecast_passed": {"en": "At its trend the target should already have been reached {day}",
                        "da": "Med udviklingen burde målet allerede være nået {day}"},
    "not_at_this_trend": {"en": "Target not reached at this trend",
                          "da": "Målet nås ikke med den nuværende udvikling"},
    "self_reported_only": {"en": "self-reported only", "da": "kun selvrapporteret"},
    "no_measurements": {"en": "No measurements yet", "da": "Ingen målinger endnu"},
    # Budget
    "budget_and_spend": {"en": "Budget and spend", "da": "Budget og forbrug"},
    "budget": {"en": "Budget", "da": "Budget"},
    "spent": {"en": "Spent", "da": "Forbrug"},
    "overrun": {"en": "Overrun", "da": "Overskridelse"},
    "spent_share": {"en": "{share} of the budget spent", "da": "{share} af budgettet brugt"},
    "no_budget": {"en": "No budget registered", "da": "Intet budget registreret"},
    # Decisions
    "previous_decisions": {"en": "Previous decisions", "da": "Tidligere beslutninger"},
    "no_decisions": {"en": "No decisions yet", "da": "Ingen beslutninger endnu"},
    "date": {"en": "Date", "da": "Dato"},
    "decision": {"en": "Decision", "da": "Beslutning"},
    "decisions": {"en": "Decisions", "da": "Beslutninger"},
    "recommended_then": {"en": "Recommended", "da": "Anbefalet"},
    "rationale": {"en": "Rationale", "da": "Begrundelse"},
    "decided_by": {"en": "Decided by", "da": "Besluttet af"},
    "override": {"en": "override", "da": "afvigelse"},
    "next_review": {"en": "Next review", "da": "Næste review"},
    # Agenda pack
    "agenda_title": {"en": "Steering meeting pack", "da": "Mødepakke til styregruppen"},
    "agenda_intro": {
        "en": "{due} of the group's {active} active initiatives are due for a decision.",
        "da": "{due} af gruppens {active} aktive initiativer skal have en beslutning.",
    },
    "nothing_due": {
        "en": "Nothing is due: every initiative has been decided on its latest evidence.",
        "da": "Intet skal behandles: alle initiativer er besluttet på det seneste grundlag.",
    },
    "on_the_agenda": {"en": "On the agenda", "da": "På dagsordenen"},
    "details_capped": {
        "en": "Details for the first {shown} of {due} items; the rest on the steering page.",
        "da": "Detaljer for de første {shown} af {due} punkter; resten på styregruppesiden.",
    },
    "agenda_capped": {
        "en": "The first {shown} of {due} items, overdue reviews first; all {due} are on the "
              "steering page.",
        "da": "De første {shown} af {due} punkter, overskredne reviews først; alle {due} står "
              "på styregruppesiden.",
    },
    "why_due": {"en": "Why it is due", "da": "Hvorfor nu"},
    "due_overdue": {"en": "Review overdue", "da": "Review overskredet"},
    "due_needs_data": {"en": "Evidence missing", "da": "Grundlag mangler"},
    "due_recommendation_changed": {
        "en": "New recommendation since the last decision",
        "da": "Ny anbefaling siden sidste beslutning",
    },
    "due_follow_up_6": {
        "en": "Follow-up 6 months after scaling", "da": "Opfølgning 6 måneder efter skalering",
    },
    "due_follow_up_12": {
        "en": "Follow-up 12 months after scaling", "da": "Opfølgning 12 måneder efter skalering",
    },
    "due_follow_up": {"en": "Follow-up after scaling", "da": "Opfølgning efter skalering"},
    "due_forecast_late": {
        "en": "Target after the review date at this trend, or overdue",
        "da": "Målet nås efter reviewdatoen med denne udvikling, eller burde være nået",
    },
    "due_recommended": {
        "en": "Scaling or closing recommended", "da": "Skalering eller lukning anbefalet",
    },
    "no_evaluation_yet": {
        "en": "No evaluation has run yet: run `failscale evaluate` first.",
        "da": "Der er endnu ikke kørt en vurdering: kør `failscale evaluate` først.",
    },
    # Minutes
    "minutes_title": {"en": "Minutes", "da": "Referat"},
    "meeting_of": {"en": "Meeting of {day}", "da": "Møde den {day}"},
    "decisions_taken": {"en": "Decisions recorded: {n}", "da": "Beslutninger truffet: {n}"},
    "override_of": {
        "en": "Override: the recommendation was {recommendation}",
        "da": "Afvigelse: anbefalingen var {recommendation}",
    },
    "follows": {"en": "Follows the recommendation", "da": "Følger anbefalingen"},
    "no_recommendation": {"en": "No recommendation then", "da": "Ingen anbefaling dengang"},
    "reason_code": {"en": "Reason", "da": "Årsag"},
    "spread_to": {"en": "To spread to", "da": "Udbredes til"},
    "lesson": {"en": "Lesson learned", "da": "Erfaring"},
    # Portfolio report
    "portfolio_title": {"en": "Portfolio report", "da": "Porteføljerapport"},
    "portfolio_subtitle": {
        "en": "What was scaled, what was closed, and what it delivered",
        "da": "Hvad blev skaleret, hvad blev lukket, og hvad gav det",
    },
    "initiatives": {"en": "Initiatives", "da": "Initiativer"},
    "active": {"en": "Active", "da": "Aktive"},
    "scaled": {"en": "Scaled or in operation", "da": "Skaleret eller i drift"},
    "closed": {"en": "Closed or parked", "da": "Lukket eller parkeret"},
    "decided_share": {
        "en": "Started initiatives with a decision", "da": "Startede initiativer med beslutning",
    },
    "summary_scaled": {
        "en": "{n} initiatives have been scaled or run in operation; they have reached "
        "{adopted} of the {planned} departments planned.",
        "da": "{n} initiativer er skaleret eller i drift; de er nået ud til {adopted} af de "
        "{planned} planlagte afdelinger.",
    },
    "summary_closed": {
        "en": "{n} initiatives were closed or parked, each with a reason and a lesson.",
        "da": "{n} initiativer er lukket eller parkeret, hver med en årsag og en erfaring.",
    },
    "summary_benefits": {
        "en": "Across the running initiatives, {all} of the expected improvement has been "
        "realised: {cash} for cashable benefits, {other} for non-cashable ones.",
        "da": "På tværs af de kørende initiativer er {all} af den forventede forbedring "
        "realiseret: {cash} for kontante gevinster og {other} for ikke-kontante.",
    },
    "scaled_section": {
        "en": "What was scaled, and where it spread",
        "da": "Hvad blev skaleret, og hvor bredte det sig",
    },
    "scaled_on": {"en": "Scaled on", "da": "Skaleret den"},
    "spread": {"en": "Spread", "da": "Udbredelse"},
    "spread_of": {"en": "{adopted} of {planned}", "da": "{adopted} af {planned}"},
    "still_to_adopt": {"en": "Still to adopt", "da": "Mangler"},
    "nothing_scaled": {"en": "Nothing has been scaled yet.", "da": "Intet er skaleret endnu."},
    "closed_section": {"en": "What was closed, and why", "da": "Hvad blev lukket, og hvorfor"},
    "closed_on": {"en": "Closed on", "da": "Lukket den"},
    "nothing_closed": {"en": "Nothing has been closed yet.", "da": "Intet er lukket endnu."},
    "benefits_section": {
        "en": "Realised against expected benefits", "da": "Realiserede mod forventede gevinster",
    },
    "benefits_intro": {
        "en": "Each benefit KPI counts the share of the improvement from baseline to target "
        "that its newest measurement shows, capped at 100 %. Cashable benefits free money "
        "in the budget (hours, kroner); non-cashable ones are quality, time and outcomes "
        "for citizens.",
        "da": "For hvert gevinst-nøgletal tælles den andel af forbedringen fra baseline til "
        "mål, som den nyeste måling viser, højst 100 %. Kontante gevinster frigør penge i "
        "budgettet (timer, kroner); ikke-kontante er kvalitet, tid og resultater for "
        "borgerne.",
    },
    "cashable": {"en": "Cashable", "da": "Kontante"},
    "non_cashable": {"en": "Non-cashable", "da": "Ikke-kontante"},
    "benefit_kpis": {"en": "Benefit KPIs", "da": "Gevinst-nøgletal"},
    "by_department": {"en": "By department", "da": "Efter afdeling"},
    "by_technology": {"en": "By technology", "da": "Efter teknologi"},
    # the benefit-realisation plans in kroner (#18)
    "kroner_section": {"en": "Benefit realisation in kroner",
                       "da": "Gevinstrealisering i kroner"},
    "kroner_intro": {
        "en": "Cashable benefits of the benefit-realisation plans: kroner planned against "
              "kroner realised per year, for the portfolio, each organisation and each "
              "department. Realised to date: {realised} of {planned} planned for the years "
              "up to {year}.",
        "da": "Økonomiske gevinster i gevinstrealiseringsplanerne: planlagte mod realiserede "
              "kroner pr. år for porteføljen, hver organisation og hver afdeling. Realiseret "
              "til dato: {realised} af {planned} planlagt for årene til og med {year}.",
    },
    "kroner_none": {
        "en": "No initiative has a benefit-realisation plan yet.",
        "da": "Ingen initiativer har endnu en gevinstrealiseringsplan.",
    },
    "kroner_year": {"en": "Year", "da": "År"},
    "kroner_where": {"en": "Organisation / department", "da": "Organisation / afdeling"},
    "kroner_all": {"en": "Whole portfolio", "da": "Hele porteføljen"},
    "kroner_planned": {"en": "Planned (kr.)", "da": "Planlagt (kr.)"},
    "kroner_realised": {"en": "Realised (kr.)", "da": "Realiseret (kr.)"},
    "kroner_share": {"en": "Realised share", "da": "Realiseret andel"},
    "cashable_detail": {
        "en": "Cashable benefits in their own units", "da": "Kontante gevinster i egne enheder",
    },
    "realised": {"en": "Realised", "da": "Realiseret"},
    "share_realised": {"en": "Share realised", "da": "Andel realiseret"},
    "trend_section": {"en": "Trend over quarters", "da": "Udviklingen kvartal for kvartal"},
    "trend_intro": {
        "en": "Decisions taken each quarter, and the share of expected benefits realised at "
        "each quarter's end (from the measurements stored by then).",
        "da": "Beslutninger truffet i hvert kvartal og andelen af de forventede gevinster, "
        "der var realiseret ved kvartalets slutning (ud fra de målinger, der fandtes da).",
    },
    "quarter": {"en": "Quarter", "da": "Kvartal"},
    "all_benefits": {"en": "All benefits", "da": "Alle gevinster"},
    "showing_of": {
        "en": "Showing {shown} of {total}.", "da": "Viser {shown} af {total}.",
    },
    "chart_best_worst": {
        "en": "The chart shows the {n} best and the {n} worst of {total}; the table lists "
        "them all.",
        "da": "Diagrammet viser de {n} bedste og de {n} dårligste af {total}; tabellen viser "
        "dem alle.",
    },
}

RECOMMENDATIONS = {**RECOMMENDATION_LABELS, "PARK": {"en": "Park", "da": "Parkér"}}

STAGES = STAGE_LABELS

KPI_KINDS = {
    "benefit": {"en": "benefit", "da": "gevinst"},
    "guardrail": {"en": "guardrail", "da": "værn"},
    "adoption": {"en": "adoption", "da": "udbredelse"},
}

SOURCES = {
    "system_export": {"en": "system export", "da": "systemudtræk"},
    "manual": {"en": "manual", "da": "manuel"},
    "self_reported": {"en": "self-reported", "da": "selvrapporteret"},
}

REASON_CODES = CLOSE_REASON_LABELS

TECHNOLOGIES = {
    "rpa": {"en": "Software robots (RPA)", "da": "Softwarerobotter (RPA)"},
    "ai_ml": {"en": "AI and machine learning", "da": "AI og maskinlæring"},
    "chatbot": {"en": "Chatbots", "da": "Chatbots"},
    "video_consultation": {"en": "Video consultation", "da": "Videokonsultation"},
    "sensors_iot": {"en": "Sensors and IoT", "da": "Sensorer og IoT"},
    "vr": {"en": "Virtual reality", "da": "Virtual reality"},
    "self_service": {"en": "Self-service", "da": "Selvbetjening"},
    "welfare_technology": {"en": "Welfare technology", "da": "Velfærdsteknologi"},
    "data_platform": {"en": "Data platforms", "da": "Dataplatforme"},
    "other": {"en": "Other technology", "da": "Anden teknologi"},
}
