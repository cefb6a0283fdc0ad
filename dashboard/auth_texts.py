"""The words of sign-in and the Users page, in English and Danish (data only)."""

from __future__ import annotations

AUTH_LABELS: dict[str, dict[str, str]] = {
    "sign_in_title": {"en": "Sign in to Fail or Scale", "da": "Log ind i Fail or Scale"},
    "username": {"en": "User name", "da": "Brugernavn"},
    "password": {"en": "Password", "da": "Adgangskode"},
    "sign_in": {"en": "Sign in", "da": "Log ind"},
    "sign_in_with": {"en": "Sign in with your organisation's account",
                     "da": "Log ind med din organisations konto"},
    "sign_out": {"en": "Sign out", "da": "Log ud"},
    "signed_out": {"en": "You are signed out.", "da": "Du er logget ud."},
    "session_expired": {
        "en": "Your session expired after {minutes} minutes without activity; sign in again.",
        "da": "Din session udløb efter {minutes} minutter uden aktivitet; log ind igen.",
    },
    "session_ended": {
        "en": "Your session has ended (signed out in another tab, or by an administrator); "
              "sign in again.",
        "da": "Din session er afsluttet (logget ud i en anden fane eller af en "
              "administrator); log ind igen.",
    },
    "account_gone": {"en": "Your account can no longer be used:",
                     "da": "Din konto kan ikke længere bruges:"},
    "change_password_title": {"en": "Choose your own password",
                              "da": "Vælg din egen adgangskode"},
    "change_password_intro": {
        "en": "You signed in with a one-time password. Choose a password of at least "
              "{n} characters that only you know.",
        "da": "Du er logget ind med en engangskode. Vælg en adgangskode på mindst {n} tegn, "
              "som kun du kender.",
    },
    "current_password": {"en": "Current (one-time) password",
                         "da": "Nuværende adgangskode (engangskode)"},
    "new_password": {"en": "New password", "da": "Ny adgangskode"},
    "repeat_password": {"en": "Repeat the new password", "da": "Gentag den nye adgangskode"},
    "passwords_differ": {"en": "The two new passwords differ.",
                         "da": "De to nye adgangskoder er forskellige."},
    "change_password": {"en": "Change password", "da": "Skift adgangskode"},
    "no_auth_mode": {
        "en": "Sign-in is switched off (FAILSCALE_AUTH_MODE=none): everyone is the local "
              "operator. For tests and single-user trials only.",
        "da": "Log-ind er slået fra (FAILSCALE_AUTH_MODE=none): alle er den lokale operatør. "
              "Kun til test og enkeltbrugerforsøg.",
    },
    "users": {"en": "Users", "da": "Brugere"},
    "users_title": {"en": "Users and access", "da": "Brugere og adgang"},
    "users_admin_only": {"en": "Only administrators manage users.",
                         "da": "Kun administratorer administrerer brugere."},
    "display_name": {"en": "Name", "da": "Navn"},
    "role": {"en": "Role", "da": "Rolle"},
    "departments": {"en": "Departments", "da": "Afdelinger"},
    "steering_group_of": {"en": "Steering group (steering members)",
                          "da": "Styregruppe (styregruppemedlemmer)"},
    "account_active": {"en": "Active", "da": "Aktiv"},
    "must_change": {"en": "Must change password", "da": "Skal skifte adgangskode"},
    "add_user": {"en": "Add a user", "da": "Tilføj en bruger"},
    "add": {"en": "Add", "da": "Tilføj"},
    "edit_user": {"en": "Change a user", "da": "Ret en bruger"},
    "choose_user": {"en": "User", "da": "Bruger"},
    "save_user": {"en": "Save changes", "da": "Gem ændringer"},
    "disable": {"en": "Disable", "da": "Deaktivér"},
    "enable": {"en": "Enable", "da": "Aktivér"},
    "reset_password": {"en": "Reset password", "da": "Nulstil adgangskode"},
    "one_time_password": {
        "en": "One-time password for {user} — shown only now; hand it over safely. "
              "They choose their own at first sign-in.",
        "da": "Engangskode til {user} — vises kun nu; giv den videre sikkert. "
              "Brugeren vælger sin egen ved første log-ind.",
    },
    "assign_title": {"en": "Key employees on initiatives",
                     "da": "Nøglemedarbejdere på initiativer"},
    "assign": {"en": "Assign", "da": "Tilknyt"},
    "unassign": {"en": "Remove", "da": "Fjern"},
    "audit_log": {"en": "Audit log", "da": "Revisionsspor"},
    "audit_export": {"en": "Export the audit log (CSV)", "da": "Eksportér revisionssporet (CSV)"},
    "prepare_export": {"en": "Prepare the export", "da": "Forbered eksporten"},
    "user_saved": {"en": "Saved {user}.", "da": "{user} er gemt."},
}
