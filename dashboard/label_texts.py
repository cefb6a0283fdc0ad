"""The dashboard's own words, in English and Danish (data only; see labels.py)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    # navigation and frame
    "app_title": {"en": "Fail or Scale", "da": "Fail or Scale"},
    "board": {"en": "Portfolio board", "da": "Porteføljetavle"},
    "register": {"en": "Register / edit", "da": "Registrér / ret"},
    "initiative": {"en": "Initiative", "da": "Initiativ"},
    "steering": {"en": "Steering review", "da": "Styregruppemøde"},
    "lessons_page": {"en": "Lessons and spread", "da": "Erfaringer og udbredelse"},
    "policy": {"en": "Review policy", "da": "Reviewpolitik"},
    "language": {"en": "Language", "da": "Sprog"},
    "signed_in_as": {"en": "Signed in as {user} ({role})", "da": "Logget ind som {user} ({role})"},
    "not_done": {"en": "That did not work:", "da": "Det lykkedes ikke:"},
    "saved": {"en": "Saved.", "da": "Gemt."},
    "required": {"en": "Required.", "da": "Skal udfyldes."},
    "read_only": {
        "en": "You can read this page; your role may not change anything here.",
        "da": "Du kan læse siden; din rolle må ikke ændre noget her.",
    },
    # status line
    "last_run_failed": {
        "en": "The last evaluation failed at {at} — see Prefect",
        "da": "Seneste vurdering fejlede {at} — se Prefect",
    },
    "last_run_ok": {
        "en": "Last evaluation {at} (as of {as_of}, policy v{version}): {n} initiatives",
        "da": "Seneste vurdering {at} (pr. {as_of}, politik v{version}): {n} initiativer",
    },
    "run_running": {
        "en": "An evaluation is running since {at}",
        "da": "En vurdering kører siden {at}",
    },
    "never_run": {"en": "No evaluation has run yet", "da": "Der er endnu ikke kørt en vurdering"},
    "run_now": {"en": "Run evaluation now", "da": "Kør vurdering nu"},
    "running": {"en": "Evaluating …", "da": "Vurderer …"},
    "run_done": {"en": "Evaluated {n} initiatives.", "da": "{n} initiativer vurderet."},
    "run_queued": {
        "en": "Evaluation queued in Prefect (flow run {run_id}); its result appears here when "
              "it is done.",
        "da": "Vurderingen er sat i kø i Prefect (kørsel {run_id}); resultatet vises her, når "
              "den er færdig.",
    },
    # board
    "filters": {"en": "Filters", "da": "Filtre"},
    "all": {"en": "All", "da": "Alle"},
    "none_value": {"en": "(not set)", "da": "(ikke angivet)"},
    "active": {"en": "Active initiatives", "da": "Aktive initiativer"},
    "to_scale": {"en": "Recommended to scale", "da": "Anbefalet skaleret"},
    "to_close": {"en": "Recommended to close", "da": "Anbefalet lukket"},
    "overdue": {"en": "Overdue reviews", "da": "Overskredne reviews"},
    "zombies": {"en": "Zombies", "da": "Zombier"},
    "zombies_help": {
        "en": "Experiments past their review date without a decision",
        "da": "Eksperimenter forbi reviewdatoen uden en beslutning",
    },
    "pilot_age": {"en": "Pilot age (median)", "da": "Pilotalder (median)"},
    "pilot_age_value": {"en": "{median} days", "da": "{median} dage"},
    "pilot_age_help": {
        "en": "Days since start of running experiments; the oldest: {max} days",
        "da": "Dage siden start for igangværende eksperimenter; ældste: {max} dage",
    },
    "decided_share": {"en": "Started with a decision", "da": "Besluttet efter start"},
    "decided_share_help": {
        "en": "{decided} of {started} started initiatives got a steering decision",
        "da": "{decided} af {started} startede initiativer har fået en styregruppebeslutning",
    },
    "realised_cashable": {"en": "Realised, cashable", "da": "Økonomisk realiseret"},
    "realised_non_cashable": {"en": "Realised, non-cashable", "da": "Ikke-økonomisk realiseret"},
    "realised_help": {
        "en": "{realised} of {expected} weighted KPI targets reached ({n} KPIs); see "
              "docs/dashboard.md",
        "da": "{realised} af {expected} vægtede nøgletalsmål nået ({n} nøgletal); se "
              "docs/dashboard.md",
    },
    "x_axis": {"en": "Horizontal axis", "da": "Vandret akse"},
    "axis_spend": {"en": "Spend", "da": "Forbrug"},
    "axis_time": {"en": "Time", "da": "Tid"},
    "portfolio_chart": {
        "en": "Benefit attainment against spend or time (size: budget)",
        "da": "Gevinstopnåelse mod forbrug eller tid (størrelse: budget)",
    },
    "days_since_start": {"en": "Days since start", "da": "Dage siden start"},
    "breakdowns": {"en": "Breakdowns", "da": "Fordelinger"},
    "table": {"en": "Initiatives", "da": "Initiativer"},
    "export_csv": {"en": "Export CSV", "da": "Eksportér CSV"},
    "export_xlsx": {"en": "Export Excel", "da": "Eksportér Excel"},
    "table_capped": {
        "en": "Showing {shown} of {total}, the most urgent first (overdue, then close, then "
              "needs data) — use the filters, or export for all",
        "da": "Viser {shown} af {total}, de mest presserende først (overskredne, så luk, så "
              "mangler data) — brug filtrene, eller eksportér for at få alle",
    },
    "agenda_capped": {
        "en": "Showing {shown} of {total}, overdue first — choose a steering group for its "
              "whole agenda",
        "da": "Viser {shown} af {total}, overskredne først — vælg en styregruppe for hele "
              "dens dagsorden",
    },
    "export_xlsx_too_many": {
        "en": "Excel export holds up to {limit} rows; narrow the view or export CSV",
        "da": "Excel-eksport rummer op til {limit} rækker; afgræns visningen eller eksportér CSV",
    },
    "empty": {
        "en": "No initiatives match. Register one, import some, or load the demo.",
        "da": "Ingen initiativer passer. Registrér et, importér eller indlæs demoen.",
    },
    # initiative pickers (register, initiative, users)
    "search_initiatives": {"en": "Search (ID or words of the title)",
                           "da": "Søg (ID eller ord fra titlen)"},
    "picker_department": {"en": "In department", "da": "I afdeling"},
    "picker_showing": {
        "en": "Showing {shown} of {total} matches — search to narrow them",
        "da": "Viser {shown} af {total} match — søg for at afgrænse",
    },
    "picker_no_match": {"en": "No initiative matches the search.",
                        "da": "Intet initiativ passer til søgningen."},
    # fields
    "id": {"en": "ID", "da": "ID"},
    "title": {"en": "Title", "da": "Titel"},
    "department": {"en": "Department", "da": "Afdeling"},
    "stage": {"en": "Stage", "da": "Fase"},
    "technology": {"en": "Technology", "da": "Teknologi"},
    "focus_area": {"en": "Focus area", "da": "Indsatsområde"},
    "light": {"en": "Light", "da": "Lys"},
    "light_budget": {"en": "Budget", "da": "Budget"},
    "light_time": {"en": "Time", "da": "Tid"},
    "light_benefit": {"en": "Benefit", "da": "Gevinst"},
    "then_value": {"en": "When scaled ({on})", "da": "Ved skalering ({on})"},
    "now_value": {"en": "Now", "da": "Nu"},
    "then_and_now": {"en": "Follow-up: then and now", "da": "Opfølgning: dengang og nu"},
    "spread_of": {"en": "Spread: {adopted} of {planned} planned departments have adopted it "
                     "({names})",
               "da": "Udbredelse: {adopted} af {planned} planlagte afdelinger har taget den i "
                     "brug ({names})"},
    "scale_min": {"en": "SCALE: measurements per benefit KPI",
                  "da": "SKALÉR: målinger pr. gevinst-nøgletal"},
    "scale_span": {"en": "SCALE: days from first to newest measurement",
                   "da": "SKALÉR: dage fra første til nyeste måling"},
    "time_red": {"en": "Time: red after days overdue", "da": "Tid: rød efter dage overskredet"},
    "kpi_band": {"en": "Band of the newest measurements", "da": "Bånd af de nyeste målinger"},
    "kpi_forecast": {"en": "Forecast at the current trend",
                     "da": "Prognose med den nuværende udvikling"},
    "self_reported_only": {"en": "Self-reported only", "da": "Kun selvrapporteret"},
    "self_reported_only_help": {
        "en": "Active initiatives whose benefits are capped at yellow: every measurement of "
              "a benefit KPI is self-reported",
        "da": "Aktive initiativer, hvis gevinster højst vises gule: alle målinger af et "
              "gevinst-nøgletal er selvrapporterede",
    },
    "recommendation": {"en": "Recommendation", "da": "Anbefaling"},
    "score": {"en": "Benefit attainment", "da": "Gevinstopnåelse"},
    "review_on": {"en": "Review date", "da": "Reviewdato"},
    "started_on": {"en": "Start date", "da": "Startdato"},
    "count": {"en": "Count", "da": "Antal"},
    "owner": {"en": "Owner", "da": "Ejer"},
    "budget": {"en": "Budget (DKK)", "da": "Budget (kr.)"},
    "spent": {"en": "Spent (DKK)", "da": "Forbrug (kr.)"},
    "core_task": {"en": "Core task", "da": "Kerneopgave"},
    "hypothesis": {"en": "Hypothesis", "da": "Hypotese"},
    "overdue_flag": {"en": "Overdue", "da": "Overskredet"},
    "open": {"en": "Open", "da": "Åbn"},
    # register
    "register_title": {
        "en": "Register or edit an initiative",
        "da": "Registrér eller ret et initiativ",
    },
    "which": {"en": "Initiative to edit", "da": "Initiativ der skal rettes"},
    "new_initiative": {"en": "(new initiative)", "da": "(nyt initiativ)"},
    "basics": {"en": "What and who", "da": "Hvad og hvem"},
    "hypothesis_intro": {
        "en": "Write the hypothesis with the template: We believe that … will lead to … measured "
              "by …",
        "da": "Skriv hypotesen efter skabelonen: Vi tror at … vil føre til … målt ved …",
    },
    "we_believe": {"en": "We believe that …", "da": "Vi tror at …"},
    "will_lead_to": {"en": "… will lead to …", "da": "… vil føre til …"},
    "measured_by": {"en": "… measured by …", "da": "… målt ved …"},
    "decision_rule": {
        "en": "Decision rule: KPIs and review",
        "da": "Beslutningsregel: nøgletal og review",
    },
    "decision_rule_help": {
        "en": "No baseline, no experiment: an initiative needs a benefit KPI with baseline and "
              "target, and a review date, before it may be an experiment.",
        "da": "Ingen baseline, intet eksperiment: et initiativ skal have et gevinst-nøgletal med "
              "baseline og mål samt en reviewdato, før det må blive et eksperiment.",
    },
    "missing_for_experiment": {
        "en": "Cannot be an experiment yet; missing: {missing}.",
        "da": "Kan endnu ikke være et eksperiment; mangler: {missing}.",
    },
    "kpi_n": {"en": "KPI {n}", "da": "Nøgletal {n}"},
    "add_kpi": {"en": "Add a KPI", "da": "Tilføj et nøgletal"},
    "kpi_name": {"en": "Name", "da": "Navn"},
    "unit": {"en": "Unit", "da": "Enhed"},
    "direction": {"en": "Better when", "da": "Bedre når"},
    "kind": {"en": "Kind", "da": "Type"},
    "weight": {"en": "Weight", "da": "Vægt"},
    "cashable": {"en": "Cashable (frees money)", "da": "Økonomisk (frigør penge)"},
    "baseline": {"en": "Baseline", "da": "Baseline"},
    "target": {"en": "Target", "da": "Mål"},
    "save": {"en": "Save", "da": "Gem"},
    "saved_initiative": {"en": "Saved {id}.", "da": "{id} er gemt."},
    "go_to_initiative": {"en": "Open the initiative page", "da": "Åbn initiativsiden"},
    "id_taken": {
        "en": "An initiative with this ID exists already; choose it above to edit it.",
        "da": "Der findes allerede et initiativ med dette ID; vælg det ovenfor for at rette det.",
    },
    "no_editable_departments": {
        "en": "Your role may not register initiatives in any department.",
        "da": "Din rolle må ikke registrere initiativer i nogen afdeling.",
    },
    "not_a_number": {"en": "Must be a number ≥ 0.", "da": "Skal være et tal ≥ 0."},
    # initiative page
    "choose_initiative": {"en": "Choose an initiative", "da": "Vælg et initiativ"},
    "evaluation": {"en": "Latest evaluation", "da": "Seneste vurdering"},
    "no_evaluation": {"en": "Not evaluated yet", "da": "Endnu ikke vurderet"},
    "evaluated_as_of": {
        "en": "As of {as_of} · policy {policy} v{version} · run {run}",
        "da": "Pr. {as_of} · politik {policy} v{version} · kørsel {run}",
    },
    "evidence": {"en": "Evidence", "da": "Grundlag"},
    "history": {"en": "History", "da": "Historik"},
    "audit": {"en": "Audit trail", "da": "Revisionsspor"},
    "measurements": {"en": "Measurements", "da": "Målinger"},
    "kpis": {"en": "KPIs", "da": "Nøgletal"},
    "value": {"en": "Value", "da": "Værdi"},
    "date": {"en": "Date", "da": "Dato"},
    "source": {"en": "Source", "da": "Kilde"},
    "sources": {"en": "Provenance", "da": "Oprindelse"},
    "provenance": {"en": "Provenance", "da": "Kildetype"},
    "source_help": {
        "en": "Free text: the source system or who reported it (e.g. KMD Nexus).",
        "da": "Fritekst: kildesystemet eller hvem der har indberettet (fx KMD Nexus).",
    },
    "age_days": {"en": "Age (days)", "da": "Alder (dage)"},
    "latest": {"en": "Latest", "da": "Seneste"},
    "progress": {"en": "Progress", "da": "Fremdrift"},
    "n_measurements": {"en": "Measurements", "da": "Målinger"},
    "recorded_by": {"en": "Recorded by", "da": "Registreret af"},
    "stale_or_self": {
        "en": "{kpi}: {why} — read with care.",
        "da": "{kpi}: {why} — læs med forsigtighed.",
    },
    "only_self_reported": {"en": "only self-reported", "da": "kun selvrapporteret"},
    "stale": {"en": "newest value is {age} days old", "da": "nyeste værdi er {age} dage gammel"},
    "no_measurements": {"en": "No measurements yet", "da": "Ingen målinger endnu"},
    "evaluations": {"en": "Evaluations", "da": "Vurderinger"},
    "decisions": {"en": "Decisions", "da": "Beslutninger"},
    "lessons": {"en": "Lessons", "da": "Erfaringer"},
    "no_lessons": {"en": "No lessons recorded yet.", "da": "Ingen erfaringer registreret endnu."},
    "no_decisions": {"en": "No decisions yet.", "da": "Ingen beslutninger endnu."},
    "at": {"en": "When", "da": "Hvornår"},
    "who": {"en": "Who", "da": "Hvem"},
    "acting_via": {"en": "{via} as {actor}", "da": "{via} som {actor}"},
    "action": {"en": "Action", "da": "Handling"},
    "what": {"en": "What", "da": "Hvad"},
    "change": {"en": "Change", "da": "Ændring"},
    "record_measurement": {"en": "Record a measurement", "da": "Registrér en måling"},
    "kpi": {"en": "KPI", "da": "Nøgletal"},
    "record": {"en": "Record", "da": "Registrér"},
    "recorded": {
        "en": "Recorded {kpi} = {value} on {on}.",
        "da": "{kpi} = {value} registreret {on}.",
    },
    "upload": {
        "en": "Upload a measurements file (CSV or XLSX)",
        "da": "Upload en fil med målinger (CSV eller XLSX)",
    },
    "upload_help": {
        "en": "Columns: initiative_id, kpi, date, value, source, provenance (Danish headers "
              "accepted).",
        "da": "Kolonner: initiativ_id, nøgletal, dato, værdi, kilde, kildetype (engelske "
              "overskrifter accepteres også).",
    },
    "import": {"en": "Import", "da": "Importér"},
    "import_report": {
        "en": "{file}: {read} rows read, {accepted} accepted ({added} added, {updated} updated, "
              "{unchanged} unchanged), {rejected} rejected",
        "da": "{file}: {read} rækker læst, {accepted} accepteret ({added} nye, {updated} rettet, "
              "{unchanged} uændret), {rejected} afvist",
    },
    "row": {"en": "Row", "da": "Række"},
    "reason": {"en": "Reason", "da": "Begrundelse"},
    "quarantine_note": {
        "en": "Rejected rows are kept in quarantine; fix them and upload the file again.",
        "da": "Afviste rækker gemmes i karantæne; ret dem og upload filen igen.",
    },
    "cannot_record": {
        "en": "Your role may not record measurements for this department.",
        "da": "Din rolle må ikke registrere målinger for denne afdeling.",
    },
    # steering
    "steering_title": {"en": "Steering review", "da": "Styregruppemøde"},
    "steering_group": {"en": "Steering group", "da": "Styregruppe"},
    "all_groups": {"en": "All steering groups", "da": "Alle styregrupper"},
    "download_pack": {
        "en": "Download the meeting pack (PDF)",
        "da": "Hent mødepakken (PDF)",
    },
    "agenda": {
        "en": "Agenda: what is due and why",
        "da": "Dagsorden: hvad er til behandling og hvorfor",
    },
    "nothing_due": {"en": "Nothing is due.", "da": "Intet er til behandling."},
    "why": {"en": "Why", "da": "Hvorfor"},
    "side_by_side": {"en": "Evidence side by side", "da": "Grundlaget side om side"},
    "compare": {"en": "Compare", "da": "Sammenlign"},
    "decide": {"en": "Record a decision", "da": "Registrér en beslutning"},
    "decide_on": {"en": "Initiative", "da": "Initiativ"},
    "decision": {"en": "Decision", "da": "Beslutning"},
    "rationale": {"en": "Rationale", "da": "Begrundelse"},
    "rationale_help": {
        "en": "Required when the decision differs from the recommendation ({rec}).",
        "da": "Skal udfyldes, når beslutningen afviger fra anbefalingen ({rec}).",
    },
    "next_review_on": {"en": "Next review date", "da": "Næste reviewdato"},
    "revisit_on": {"en": "Revisit on (optional)", "da": "Tages op igen (valgfri)"},
    "reason_code": {"en": "Reason for closing", "da": "Årsag til lukning"},
    "lesson": {"en": "Lesson learned", "da": "Erfaring"},
    "lesson_help": {
        "en": "What should the next department know before it tries this?",
        "da": "Hvad skal den næste afdeling vide, før den prøver det samme?",
    },
    "spread_to": {"en": "Spreads to departments", "da": "Udbredes til afdelinger"},
    "record_decision": {"en": "Record decision", "da": "Registrér beslutning"},
    "decision_recorded": {
        "en": "Decision {kind} recorded for {id}; stage is now {stage}.",
        "da": "Beslutningen {kind} er registreret for {id}; fasen er nu {stage}.",
    },
    "cannot_decide": {
        "en": "Your role may not decide for {department}.",
        "da": "Din rolle må ikke beslutte for {department}.",
    },
    "override_note": {
        "en": "This overrides the recommendation {rec}: give a rationale.",
        "da": "Dette går imod anbefalingen {rec}: giv en begrundelse.",
    },
    # lessons and spread
    "lessons_title": {"en": "Has anyone tried this?", "da": "Har nogen prøvet det her før?"},
    "search": {
        "en": "Search lessons, closed and parked initiatives",
        "da": "Søg i erfaringer, lukkede og parkerede initiativer",
    },
    "search_placeholder": {"en": "e.g. chatbot, robot, video", "da": "fx chatbot, robot, video"},
    "shelf": {"en": "Closed and parked", "da": "Lukket og parkeret"},
    "radar_technology": {"en": "Technology on KL's Teknologiradar",
                         "da": "Teknologi på KL's Teknologiradar"},
    "radar_ring_klar": {"en": "ready", "da": "klar"},
    "radar_ring_afprøv": {"en": "trial", "da": "afprøv"},
    "radar_ring_hold øje": {"en": "watch", "da": "hold øje"},
    "radar_ring_afvent": {"en": "wait", "da": "afvent"},
    "parked": {"en": "Parked (not now)", "da": "Parkeret (ikke nu)"},
    "closed": {"en": "Closed", "da": "Lukket"},
    "spread": {"en": "Spread of scaled initiatives", "da": "Udbredelse af skalerede initiativer"},
    "planned": {"en": "Planned", "da": "Planlagt"},
    "adopted": {"en": "Adopted", "da": "Taget i brug"},
    "still_to_adopt": {"en": "Still to adopt", "da": "Mangler"},
    "adoption": {"en": "Adoption", "da": "Udbredelse"},
    "nothing_found": {"en": "Nothing found.", "da": "Intet fundet."},
    "status": {"en": "Status", "da": "Status"},
    "lessons_capped": {
        "en": "Showing the {shown} newest of {total} — search or pick a department to "
              "narrow, or export for all",
        "da": "Viser de {shown} nyeste af {total} — søg eller vælg en afdeling for at "
              "afgrænse, eller eksportér det hele",
    },
    "shelf_capped": {
        "en": "Showing the {shown} most recently closed of {total} — search or pick a "
              "department to narrow, or export for all",
        "da": "Viser de {shown} senest lukkede af {total} — søg eller vælg en afdeling for at "
              "afgrænse, eller eksportér det hele",
    },
    "spread_capped": {
        "en": "Showing {shown} of {total} — search or pick a department to narrow, or "
              "export for all",
        "da": "Viser {shown} af {total} — søg eller vælg en afdeling for at afgrænse, eller "
              "eksportér det hele",
    },
    "export_lessons": {"en": "Export lessons (CSV)", "da": "Eksportér erfaringer (CSV)"},
    "export_shelf": {"en": "Export closed and parked (CSV)",
                     "da": "Eksportér lukkede og parkerede (CSV)"},
    "export_spread": {"en": "Export spread (CSV)", "da": "Eksportér udbredelse (CSV)"},
    "author": {"en": "Author", "da": "Forfatter"},
    "tags": {"en": "Tags", "da": "Tags"},
    # recording adoptions (spread) on the lessons page
    "record_adoption": {"en": "Record an adoption", "da": "Registrér udbredelse"},
    "record_adoption_intro": {
        "en": "A department has taken a scaled initiative into use: record it here, or "
              "withdraw a mistaken entry.",
        "da": "En afdeling har taget et skaleret initiativ i brug: registrér det her, eller "
              "træk en forkert registrering tilbage.",
    },
    "adopting_initiative": {"en": "Scaled initiative", "da": "Skaleret initiativ"},
    "adopting_department": {"en": "Department that adopted it",
                            "da": "Afdeling der har taget det i brug"},
    "adopted_on": {"en": "Adopted on", "da": "Taget i brug den"},
    "adoption_note": {"en": "Note (optional)", "da": "Note (valgfri)"},
    "adoption_recorded": {"en": "{department} adopted {id} on {on}.",
                          "da": "{department} har taget {id} i brug den {on}."},
    "withdraw": {"en": "Withdraw", "da": "Træk tilbage"},
    "adoption_withdrawn": {"en": "Withdrew the adoption of {id} by {department}.",
                           "da": "Registreringen af {department} for {id} er trukket tilbage."},
    "no_adoptions": {"en": "No other department has adopted it yet.",
                     "da": "Ingen anden afdeling har taget det i brug endnu."},
    "date_unknown": {"en": "date not recorded", "da": "dato ikke registreret"},
    "nothing_to_adopt": {
        "en": "No scaled initiative here whose adoption you may record.",
        "da": "Her er intet skaleret initiativ, hvis udbredelse du må registrere.",
    },
    "no_open_departments": {
        "en": "Every department whose adoption you may record has adopted it.",
        "da": "Alle afdelinger, du må registrere for, har taget det i brug.",
    },
    # policy
    "policy_title": {"en": "Review policy", "da": "Reviewpolitik"},
    "active_policy": {"en": "Active: {name} v{version}", "da": "Aktiv: {name} v{version}"},
    "versions": {"en": "Versions", "da": "Versioner"},
    "new_version": {"en": "A new version", "da": "En ny version"},
    "evidence_min": {
        "en": "Evidence: at least this many measurements per benefit KPI",
        "da": "Grundlag: mindst så mange målinger pr. gevinst-nøgletal",
    },
    "evidence_age": {
        "en": "Evidence: newest at most this many days old",
        "da": "Grundlag: nyeste højst så mange dage gammel",
    },
    "guardrail_worse": {
        "en": "Guardrail: breached when worse than baseline by more than",
        "da": "Værn: overskredet når mere end så meget værre end baseline",
    },
    "attainment_green": {"en": "Attainment green from", "da": "Gevinstopnåelse grøn fra"},
    "attainment_yellow": {"en": "Attainment yellow from", "da": "Gevinstopnåelse gul fra"},
    "budget_green": {"en": "Budget green up to overrun", "da": "Budget grønt op til overskridelse"},
    "budget_yellow": {
        "en": "Budget yellow up to overrun",
        "da": "Budget gult op til overskridelse",
    },
    "description": {"en": "What changed and why", "da": "Hvad er ændret og hvorfor"},
    "compare_versions": {"en": "Compare two versions", "da": "Sammenlign to versioner"},
    "compare_from": {"en": "From version", "da": "Fra version"},
    "compare_to": {"en": "To version", "da": "Til version"},
    "what_if": {
        "en": "What if: recommendations that would change",
        "da": "Hvad nu hvis: anbefalinger der ville ændre sig",
    },
    "what_if_summary": {
        "en": "{changed} of {n} active initiatives would get another recommendation (as of "
              "{as_of}).",
        "da": "{changed} af {n} aktive initiativer ville få en anden anbefaling (pr. {as_of}).",
    },
    "before": {"en": "Now", "da": "Nu"},
    "after": {"en": "With the new version", "da": "Med den nye version"},
    "activate": {"en": "Activate as version {version}", "da": "Aktivér som version {version}"},
    "activated": {
        "en": "Version {version} is active; the next evaluation uses it.",
        "da": "Version {version} er aktiv; næste vurdering bruger den.",
    },
    "unchanged_policy": {
        "en": "Change a value to preview a new version.",
        "da": "Ændr en værdi for at se en ny version.",
    },
    "admin_only": {
        "en": "Only administrators may change the review policy.",
        "da": "Kun administratorer må ændre reviewpolitikken.",
    },
    "created_by": {"en": "Created by", "da": "Oprettet af"},
    # issue #19: the board's table
    "score_help": {
        "en": "Weighted progress of the benefit KPIs towards their targets; the cell has "
              "the colour of the initiative's light.",
        "da": "Vægtet fremdrift for gevinst-nøgletallene mod deres mål; cellen har "
              "initiativets lys' farve.",
    },
    "review_on_help": {
        "en": "Red: the review date has passed with no decision since.",
        "da": "Rød: reviewdatoen er passeret uden en beslutning siden.",
    },
    "policy_name": {"en": "Policy", "da": "Politik"},
    "policy_description": {"en": "Description", "da": "Beskrivelse"},
    "version": {"en": "Version", "da": "Version"},
    "followup_months": {"en": "Follow-up after scaling (months)",
                        "da": "Opfølgning efter skalering (måneder)"},
    "id_suggested": {"en": "Left empty, the initiative gets the suggested id {id}.",
                     "da": "Står feltet tomt, får initiativet det foreslåede id {id}."},
    "not_a_number_typed": {"en": "“{value}” is not a number",
                           "da": "»{value}« er ikke et tal"},
    "at_least": {"en": "must be at least {min}", "da": "skal være mindst {min}"},
    "download_all_packs": {"en": "Download the meeting packs of all {n} steering groups (ZIP)",
                           "da": "Hent mødepakkerne for alle {n} styregrupper (ZIP)"},
    "not_your_group": {
        "en": "{group} is not your steering group: you can read its agenda, but decide only "
              "for your own group's departments.",
        "da": "{group} er ikke din styregruppe: du kan læse dens dagsorden, men kun beslutte "
              "for din egen styregruppes afdelinger.",
    },
    "none_of_your_group": {
        "en": "None of these items belongs to your steering group: you can read them, but "
              "decide only for your own group's departments.",
        "da": "Ingen af punkterne hører til din styregruppe: du kan læse dem, men kun beslutte "
              "for din egen styregruppes afdelinger.",
    },
    "run_failed_now": {"en": "The evaluation failed; see the status line.",
                       "da": "Vurderingen mislykkedes; se statuslinjen."},
    "run_not_finished": {
        "en": "Flow run {run_id} has not finished after 10 minutes; is `failscale serve` "
              "running? The status line shows it when it is done.",
        "da": "Kørsel {run_id} er ikke færdig efter 10 minutter; kører `failscale serve`? "
              "Statuslinjen viser den, når den er færdig.",
    },
    # --- the public results page (#19) ---------------------------------------------------
    "public_page": {"en": "Public results page", "da": "Offentlig resultatside"},
    "public_show": {"en": "Show on the public results page",
                    "da": "Vis på den offentlige resultatside"},
    "public_budget": {"en": "… with its budget and spending",
                      "da": "… med budget og forbrug"},
    "public_help": {
        "en": "The public page (/public on the API server) shows what was tried, the "
              "decision, the KPIs' results and the lessons — never the owner, who decided "
              "or the rationale. Check that the lessons name no one.",
        "da": "Den offentlige side (/public på API-serveren) viser, hvad der blev afprøvet, "
              "beslutningen, nøgletallenes resultater og erfaringerne — aldrig ejeren, hvem "
              "der besluttede, eller begrundelsen. Tjek, at erfaringerne ikke nævner nogen.",
    },
    "public_save": {"en": "Save", "da": "Gem"},
    "public_on": {"en": "{id} is shown on the public results page.",
                  "da": "{id} vises på den offentlige resultatside."},
    "public_off": {"en": "{id} is no longer on the public results page.",
                   "da": "{id} er ikke længere på den offentlige resultatside."},
    # the benefit-realisation plan in kroner (#18)
    "realised_kroner": {"en": "Realised, kroner", "da": "Realiseret, kr."},
    "realised_kroner_targets": {"en": "{share} of KPI targets",
                                "da": "{share} af nøgletalsmålene"},
    "realised_kroner_help": {
        "en": "{realised} realised of {planned} planned for the years up to {year} "
              "({total} over the whole plan). Second figure: {targets} of {expected} weighted "
              "KPI targets reached ({n} cashable KPIs); see docs/benefits.md.",
        "da": "{realised} realiseret af {planned} planlagt for årene til og med {year} "
              "({total} i hele planen). Andet tal: {targets} af {expected} vægtede "
              "nøgletalsmål nået ({n} økonomiske nøgletal); se docs/benefits.md.",
    },
    "kroner_heading": {"en": "Benefit realisation in kroner",
                       "da": "Gevinstrealisering i kroner"},
    "kroner_caption": {
        "en": "Cashable benefits of the initiatives in view: planned against realised per "
              "year, per organisation and per department (benefit-realisation plans).",
        "da": "Økonomiske gevinster for initiativerne i visningen: planlagt mod realiseret "
              "pr. år, pr. organisation og pr. afdeling (gevinstrealiseringsplaner).",
    },
    "kroner_none": {
        "en": "No initiative in view has a benefit-realisation plan yet: add one on the "
              "initiative page or with `failscale import benefits`.",
        "da": "Ingen initiativer i visningen har endnu en gevinstrealiseringsplan: tilføj "
              "den på initiativsiden eller med `failscale import benefits`.",
    },
    "year": {"en": "Year", "da": "År"},
    "all_organisations": {"en": "All", "da": "I alt"},
    "planned_kr": {"en": "Planned (kr.)", "da": "Planlagt (kr.)"},
    "realised_kr": {"en": "Realised (kr.)", "da": "Realiseret (kr.)"},
    "realised_share": {"en": "Realised share", "da": "Realiseret andel"},
    "lines_recorded": {"en": "Lines recorded", "da": "Linjer registreret"},
    "benefits_tab": {"en": "Benefits (kr.)", "da": "Gevinster (kr.)"},
    "benefit_plan": {"en": "Benefit-realisation plan", "da": "Gevinstrealiseringsplan"},
    "benefit_none": {
        "en": "No benefit-realisation plan yet.",
        "da": "Der er endnu ingen gevinstrealiseringsplan.",
    },
    "benefit": {"en": "Benefit", "da": "Gevinst"},
    "benefit_kind": {"en": "Type", "da": "Type"},
    "benefit_cashable": {"en": "Cashable (kr.)", "da": "Økonomisk (kr.)"},
    "benefit_non_cashable": {"en": "Non-cashable", "da": "Ikke-økonomisk"},
    "budget_line": {"en": "Budget line (taken home from)",
                    "da": "Budgetlinje (hjemtages fra)"},
    "benefit_unit": {"en": "Unit", "da": "Enhed"},
    "realised": {"en": "Realised", "da": "Realiseret"},
    "realised_known": {"en": "Realised so far (if known)",
                       "da": "Realiseret indtil nu (hvis kendt)"},
    "record_realised": {"en": "Record a realised value", "da": "Registrér realiseret gevinst"},
    "benefit_line": {"en": "Line of the plan", "da": "Linje i planen"},
    "realised_recorded": {"en": "Recorded: {benefit} {year} realised {value}.",
                          "da": "Registreret: {benefit} {year} realiserede {value}."},
    "benefit_add": {"en": "Add or change a line", "da": "Tilføj eller ret en linje"},
    "benefit_remove": {"en": "Remove a mistaken line", "da": "Fjern en fejlagtig linje"},
    "benefit_remove_button": {"en": "Remove", "da": "Fjern"},
    "benefit_removed": {"en": "Removed: {benefit} {year}.", "da": "Fjernet: {benefit} {year}."},
    "benefit_saved": {"en": "Saved: {benefit} {year}.", "da": "Gemt: {benefit} {year}."},
    "benefit_no_due_line": {
        "en": "No line of a year that has begun: realised values are recorded from the "
              "year's start.",
        "da": "Ingen linjer for et år, der er begyndt: realiserede værdier registreres fra "
              "årets start.",
    },
    "benefit_budget_help": {
        "en": "Cashable benefits: the budget line the kroner are taken home from "
              "(hjemtagning). Non-cashable: leave empty and give a unit.",
        "da": "Økonomiske gevinster: den budgetlinje, kronerne hjemtages fra. "
              "Ikke-økonomiske: lad den stå tom, og angiv en enhed.",
    },
}
