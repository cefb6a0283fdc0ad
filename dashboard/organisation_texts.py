"""Texts of the Organisation page (#13), Danish and English, kept apart from the shared
catalogue so the page's words live with it; dashboard/labels.py merges them in."""

from __future__ import annotations

ORGANISATION_LABELS: dict[str, dict[str, str]] = {
    "organisation_page": {"en": "Organisation", "da": "Organisation"},
    "org_title": {"en": "Organisation", "da": "Organisation"},
    "org_admin_only": {
        "en": "Only administrators set up organisations, departments and steering groups.",
        "da": "Kun administratorer opsætter organisationer, afdelinger og styregrupper.",
    },
    "org_none_yet": {
        "en": "Your organisation is not set up yet; ask a national administrator.",
        "da": "Din organisation er ikke oprettet endnu; spørg en national administrator.",
    },
    "org_organisation": {"en": "Organisation", "da": "Organisation"},
    "org_groups": {"en": "Steering groups", "da": "Styregrupper"},
    "org_people": {"en": "People", "da": "Personer"},
    "org_new": {"en": "Create a new organisation", "da": "Opret en ny organisation"},
    "org_name": {"en": "Name", "da": "Navn"},
    "org_kind": {"en": "Kind", "da": "Type"},
    "org_kind_kommune": {"en": "Municipality", "da": "Kommune"},
    "org_kind_region": {"en": "Region", "da": "Region"},
    "org_kind_other": {"en": "Other public body", "da": "Anden offentlig myndighed"},
    "org_cvr": {"en": "CVR number", "da": "CVR-nummer"},
    "org_cvr_help": {"en": "Eight digits, or empty.", "da": "Otte cifre, eller tomt."},
    "org_shares": {"en": "Share our lessons with other organisations",
                   "da": "Del vores erfaringer med andre organisationer"},
    "org_shares_help": {
        "en": "Closed and scaled initiatives, reason codes and lesson texts; never budgets "
              "or people.",
        "da": "Lukkede og skalerede initiativer, årsagskoder og erfaringstekster; aldrig "
              "budgetter eller personer.",
    },
    "org_save": {"en": "Save organisation", "da": "Gem organisation"},
    "org_saved": {"en": "Saved {name}.", "da": "{name} er gemt."},
    "org_no_group": {"en": "— none: choose one —", "da": "— ingen: vælg en —"},
    "org_department_help": {
        "en": "Every department belongs to exactly one steering group; it receives the "
              "department's escalations.",
        "da": "Hver afdeling hører til præcis én styregruppe; den får afdelingens "
              "eskaleringer.",
    },
    "org_save_department": {"en": "Save department", "da": "Gem afdeling"},
    "org_department_saved": {"en": "Saved the department {name}.",
                             "da": "Afdelingen {name} er gemt."},
    "org_chair": {"en": "Chair", "da": "Formand"},
    "org_members": {"en": "Members", "da": "Medlemmer"},
    "org_addresses": {"en": "E-mail addresses", "da": "E-mailadresser"},
    "org_addresses_help": {
        "en": "Where the agenda and escalations go; one per line.",
        "da": "Hvor dagsorden og eskaleringer sendes hen; én pr. linje.",
    },
    "org_next_meeting": {"en": "Next meeting", "da": "Næste møde"},
    "org_edit_group": {"en": "Steering group to edit", "da": "Styregruppe, der skal rettes"},
    "org_new_group": {"en": "— a new steering group —", "da": "— en ny styregruppe —"},
    "org_meetings": {"en": "Meeting dates", "da": "Mødedatoer"},
    "org_meetings_help": {
        "en": "Dates as YYYY-MM-DD or DD-MM-YYYY, separated by commas.",
        "da": "Datoer som ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ, adskilt af kommaer.",
    },
    "org_bad_date": {"en": "{value} is not a date (YYYY-MM-DD or DD-MM-YYYY).",
                     "da": "{value} er ikke en dato (ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ)."},
    "org_cadence": {"en": "Meets every … weeks (0: only the dates above)",
                    "da": "Mødes hver … uge (0: kun datoerne ovenfor)"},
    "org_save_group": {"en": "Save steering group", "da": "Gem styregruppe"},
    "org_group_saved": {"en": "Saved the steering group {name}.",
                        "da": "Styregruppen {name} er gemt."},
    "org_person": {"en": "Name", "da": "Navn"},
    "org_email": {"en": "E-mail", "da": "E-mail"},
    "org_person_account_help": {
        "en": "The person's user account, if they have one.",
        "da": "Personens brugerkonto, hvis vedkommende har en.",
    },
    "org_save_person": {"en": "Save person", "da": "Gem person"},
    "org_person_saved": {"en": "Saved {name} in the address book.",
                         "da": "{name} er gemt i adressebogen."},
}
