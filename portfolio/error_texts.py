"""The catalogue of error texts: message code → {"en": template, "da": template}.

Both languages of a code use the same named placeholders (a test reads this file to say
so). Templates say what was wrong, where, and what to do; portfolio/error_messages.py
renders them, and how a parameter reads (a role, a stage, a list) is decided there.
"""

from __future__ import annotations

ERRORS: dict[str, dict[str, str]] = {
    # --- access and the database -------------------------------------------------------
    "access.denied": {
        "en": "{user} ({role}) may not {permission}. "
              "Ask an administrator for the right role or department.",
        "da": "Din rolle som {role} ({user}) må ikke {permission}. "
              "Bed en administrator om den rette rolle eller afdeling.",
    },
    "access.denied_in": {
        "en": "{user} ({role}) may not {permission} in {department}. "
              "Ask an administrator for the right role or department.",
        "da": "Din rolle som {role} ({user}) må ikke {permission} i {department}. "
              "Bed en administrator om den rette rolle eller afdeling.",
    },
    # --- organisations (#13) -----------------------------------------------------------
    "access.other_organisation": {
        "en": "{user} may not act in {organisation}: an organisation's administrators and "
              "users work in their own organisation only. Ask a national administrator.",
        "da": "{user} må ikke handle i {organisation}: en organisations administratorer og "
              "brugere arbejder kun i deres egen organisation. Spørg en national administrator.",
    },
    "organisation.unknown": {
        "en": "There is no organisation named {organisation}; create it on the Organisation "
              "page or with failscale import organisation.",
        "da": "Der findes ingen organisation med navnet {organisation}; opret den på siden "
              "Organisation eller med failscale import organisation.",
    },
    "organisation.unknown_group": {
        "en": "{organisation} has no steering group named {group}; create the group first.",
        "da": "{organisation} har ingen styregruppe med navnet {group}; opret gruppen først.",
    },
    "organisation.group_name_taken": {
        "en": "A steering group named {group} already exists in {organisation}; agendas and "
              "mail go by the group's name, so give this one another (e.g. with the "
              "municipality's name).",
        "da": "Der findes allerede en styregruppe med navnet {group} i {organisation}; "
              "dagsordener og post går efter gruppens navn, så giv denne et andet (fx med "
              "kommunens navn).",
    },
    "organisation.unknown_person": {
        "en": "{name} is not in the address book; add the person with an e-mail address first.",
        "da": "{name} findes ikke i adressebogen; tilføj personen med en e-mailadresse først.",
    },
    "organisation.not_a_member": {
        "en": "{username} cannot sit in a steering group of {organisation}: members are "
              "steering-member accounts of that organisation.",
        "da": "{username} kan ikke sidde i en styregruppe i {organisation}: medlemmer er "
              "styregruppekonti i den organisation.",
    },
    "organisation.department_without_group": {
        "en": "{subject} ({organisation}) belongs to no steering group: its escalations reach "
              "nobody. Choose its steering group on the Organisation page or in an "
              "organisation file.",
        "da": "{subject} ({organisation}) hører ikke til nogen styregruppe: dens eskaleringer "
              "når ingen. Vælg dens styregruppe på siden Organisation eller i en "
              "organisationsfil.",
    },
    "organisation.group_without_address": {
        "en": "The steering group {subject} ({organisation}) has no e-mail address: its "
              "agenda reaches nobody. Add one on the Organisation page.",
        "da": "Styregruppen {subject} ({organisation}) har ingen e-mailadresse: dens "
              "dagsorden når ingen. Tilføj en på siden Organisation.",
    },
    "import.not_an_email": {
        "en": "{column}: '{value}' is not an e-mail address",
        "da": "{column}: »{value}« er ikke en e-mailadresse",
    },
    "import.chair_needs_email": {
        "en": "chair_email: a chair needs an e-mail address",
        "da": "formand_email: en formand skal have en e-mailadresse",
    },
    "import.other_organisation": {
        "en": "not allowed: {user} may not set up {organisation}",
        "da": "ikke tilladt: {user} må ikke opsætte {organisation}",
    },
    "session.signed_out": {
        "en": "You are not signed in; reload the page and sign in.",
        "da": "Du er ikke logget ind; genindlæs siden, og log ind.",
    },
    "database.busy": {
        "en": "The database is busy; your change was not saved — try again in a moment.",
        "da": "Databasen er optaget; din ændring blev ikke gemt — prøv igen om et øjeblik.",
    },
    "evaluation.future": {
        "en": "An evaluation as of {as_of} cannot be stored: that is after today ({today}). "
              "Choose today or an earlier date; a preview may look ahead.",
        "da": "En evaluering pr. {as_of} kan ikke gemmes: datoen ligger efter i dag ({today}). "
              "Vælg i dag eller en tidligere dato; en forhåndsvisning må godt se frem.",
    },
    # --- initiatives, KPIs and measurements --------------------------------------------
    "initiative.not_found": {
        "en": "There is no initiative with id '{id}'.",
        "da": "Der findes intet initiativ med id »{id}«.",
    },
    "initiative.experiment_needs_rule": {
        "en": "{id} cannot move to the experiment stage without {missing}. Add them first.",
        "da": "{id} kan ikke gå i eksperimentfasen uden {missing}. Tilføj det manglende først.",
    },
    "kpi.other_initiative": {
        "en": "KPI {kpi} belongs to another initiative",
        "da": "Nøgletallet {kpi} hører til et andet initiativ",
    },
    "measurement.unknown_kpi": {
        "en": "{id} has no KPI named '{kpi}'; add it first.",
        "da": "{id} har intet nøgletal med navnet »{kpi}«; tilføj det først.",
    },
    # --- steering decisions --------------------------------------------------------------
    "decision.override_needs_rationale": {
        "en": "The recommendation was {recommendation}; deciding {decision} overrides it "
              "and needs a rationale.",
        "da": "Anbefalingen var {recommendation}; beslutningen {decision} går imod den og "
              "kræver en begrundelse.",
    },
    "decision.reason_code_required": {
        "en": "Closing needs a reason code: one of {codes}.",
        "da": "Lukning kræver en årsag: en af {codes}.",
    },
    "decision.lesson_required": {
        "en": "Closing is a result: write the lesson learned, so the next department does "
              "not repeat it.",
        "da": "Lukning er også et resultat: skriv erfaringen, så den næste afdeling ikke "
              "gentager den.",
    },
    "decision.next_review_required": {
        "en": "Set the next review date.",
        "da": "Sæt en næste reviewdato.",
    },
    "decision.next_review_after": {
        "en": "The next review date must be after the decision date.",
        "da": "Næste reviewdato skal ligge efter beslutningsdatoen.",
    },
    "decision.spread_only_scale": {
        "en": "Only a SCALE decision spreads to other departments.",
        "da": "Kun en skaleringsbeslutning udbredes til andre afdelinger.",
    },
    "steering.unknown_group": {
        "en": "There is no steering group named '{group}'. Known groups: {known}.",
        "da": "Der findes ingen styregruppe med navnet »{group}«. Kendte styregrupper: {known}.",
    },
    "steering.no_groups": {
        "en": "There is no steering group named '{group}'. "
              "Known groups: none — set one on a department first.",
        "da": "Der findes ingen styregruppe med navnet »{group}«. Der er endnu ingen "
              "styregrupper — angiv en på en afdeling først.",
    },
    "steering.no_decisions_on": {
        "en": "{group} recorded no decisions on {on}. Its most recent decision days: {recent}.",
        "da": "{group} registrerede ingen beslutninger den {on}. "
              "Styregruppens seneste beslutningsdage: {recent}.",
    },
    # --- adoption (spread) -----------------------------------------------------------------
    "adoption.not_scaled": {
        "en": "{id} is in the {stage} stage; only a scaled initiative (scaling or operation) "
              "is adopted by other departments. A steering group's SCALE decision scales it.",
        "da": "{id} er i fasen {stage}; kun et skaleret initiativ (skalering eller drift) kan "
              "tages i brug af andre afdelinger. Det skaleres, når en styregruppe beslutter "
              "at skalere det.",
    },
    "adoption.owner": {
        "en": "{department} owns {id} and has it from the start; record the other "
              "departments that adopt it.",
        "da": "{department} ejer {id} og har haft det fra starten; registrér de andre "
              "afdelinger, der tager det i brug.",
    },
    "adoption.unknown_department": {
        "en": "There is no department named '{department}'; pick a registered department "
              "(check the spelling).",
        "da": "Der findes ingen afdeling med navnet »{department}«; vælg en registreret "
              "afdeling (tjek stavemåden).",
    },
    "adoption.already": {
        "en": "{department} already adopted {id} ({on}); withdraw that entry first to "
              "correct it.",
        "da": "{department} har allerede taget {id} i brug ({on}); træk den registrering "
              "tilbage først for at rette den.",
    },
    "adoption.already_undated": {
        "en": "{department} already adopted {id} (an earlier date); withdraw that entry "
              "first to correct it.",
        "da": "{department} har allerede taget {id} i brug (på en tidligere dato); træk den "
              "registrering tilbage først for at rette den.",
    },
    "adoption.future": {
        "en": "The adoption date {on} is in the future; record an adoption once the "
              "department uses the initiative.",
        "da": "Datoen {on} ligger i fremtiden; registrér udbredelsen, når afdelingen bruger "
              "initiativet.",
    },
    "adoption.none_to_withdraw": {
        "en": "'{department}' has no recorded adoption of {id}; nothing to withdraw (the "
              "recorded ones are listed with `failscale adoption list`).",
        "da": "Der er ikke registreret, at »{department}« har taget {id} i brug; der er intet "
              "at trække tilbage (de registrerede vises med `failscale adoption list`).",
    },
    # --- KL's Teknologiradar (#18) --------------------------------------------------------
    "radar.nothing_accepted": {
        "en": "{file}: none of its rows is a radar technology ({refused} refused); the stored "
              "radar is unchanged.",
        "da": "{file}: ingen af rækkerne er en radarteknologi ({refused} afvist); den gemte "
              "radar er uændret.",
    },
    "radar.unknown": {
        "en": "{name} is not on the Teknologiradar: see `failscale radar list`.",
        "da": "{name} er ikke på Teknologiradaren: se `failscale radar list`.",
    },
    # --- review policy ---------------------------------------------------------------------
    "policy.unchanged": {
        "en": "The new version has the same thresholds as the active one: change at least "
              "one value.",
        "da": "Den nye version har samme tærskler som den aktive: ændr mindst én værdi.",
    },
    "policy.invalid": {
        "en": "The review policy is not valid: {problems}",
        "da": "Reviewpolitikken er ikke gyldig: {problems}",
    },
    "policy.attainment_order": {
        "en": "The review policy is not valid: attainment.yellow must not be above "
              "attainment.green.",
        "da": "Reviewpolitikken er ikke gyldig: »Gevinstopnåelse gul fra« må ikke ligge "
              "over »Gevinstopnåelse grøn fra«.",
    },
    "policy.budget_order": {
        "en": "The review policy is not valid: budget.green_overrun must not be above "
              "budget.yellow_overrun.",
        "da": "Reviewpolitikken er ikke gyldig: »Budget grønt op til overskridelse« må "
              "ikke ligge over »Budget gult op til overskridelse«.",
    },
    # --- users, passwords and sign-in ------------------------------------------------------
    "user.unknown": {
        "en": "There is no user '{username}'. An administrator adds users with "
              "`failscale user add` or on the Users page.",
        "da": "Der findes ingen bruger »{username}«. En administrator opretter brugere med "
              "`failscale user add` eller på siden Brugere.",
    },
    "user.not_found": {
        "en": "There is no user '{username}'.",
        "da": "Der findes ingen bruger »{username}«.",
    },
    "user.disabled": {
        "en": "The user '{username}' is disabled. Ask an administrator.",
        "da": "Brugeren »{username}« er deaktiveret. Kontakt en administrator.",
    },
    "user.language": {
        "en": "The language must be da (Danish) or en (English).",
        "da": "Sproget skal være da (dansk) eller en (engelsk).",
    },
    "user.exists": {
        "en": "The user '{username}' exists already.",
        "da": "Brugeren »{username}« findes allerede.",
    },
    "user.unknown_departments": {
        "en": "Unknown department(s): {unknown}. Known: {known}.",
        "da": "Disse afdelinger findes ikke: {unknown}. Kendte afdelinger: {known}.",
    },
    "user.steering_group_role": {
        "en": "Only a steering member belongs to a steering group.",
        "da": "Kun et styregruppemedlem kan høre til en styregruppe.",
    },
    "user.unknown_steering_group": {
        "en": "There is no steering group '{group}'. Known: {known}.",
        "da": "Der findes ingen styregruppe »{group}«. Kendte styregrupper: {known}.",
    },
    "user.leader_needs_department": {
        "en": "A leader needs at least one department.",
        "da": "En leder skal have mindst én afdeling.",
    },
    "user.steering_needs_group": {
        "en": "A steering member needs a steering group (or departments).",
        "da": "Et styregruppemedlem skal have en styregruppe (eller afdelinger).",
    },
    "user.last_admin": {
        "en": "At least one active administrator must remain.",
        "da": "Der skal være mindst én aktiv administrator tilbage.",
    },
    "user.not_key_employee": {
        "en": "{username} has the role {role}; only key employees are assigned to "
              "initiatives.",
        "da": "{username} har rollen {role}; kun nøglemedarbejdere kan tilknyttes "
              "initiativer.",
    },
    "password.same": {
        "en": "Choose a new password, not the current one.",
        "da": "Vælg en ny adgangskode, ikke den nuværende.",
    },
    "password.current_wrong": {
        "en": "The current password is not right.",
        "da": "Den nuværende adgangskode er forkert.",
    },
    "password.too_short": {
        "en": "Choose a password of at least {min_length} characters.",
        "da": "Vælg en adgangskode på mindst {min_length} tegn.",
    },
    "password.contains_username": {
        "en": "The password must not contain your user name.",
        "da": "Adgangskoden må ikke indeholde dit brugernavn.",
    },
    "password.too_easy": {
        "en": "That password is too easy to guess; choose another.",
        "da": "Den adgangskode er for let at gætte; vælg en anden.",
    },
    "signin.wrong": {
        "en": "Wrong user name or password.",
        "da": "Forkert brugernavn eller adgangskode.",
    },
    "signin.locked": {
        "en": "Too many failed sign-ins for {username}. Try again in {minutes} minutes, or "
              "ask an administrator to reset your password.",
        "da": "For mange mislykkede forsøg på at logge ind som {username}. Prøv igen om "
              "{minutes} minutter, eller bed en administrator om at nulstille din adgangskode.",
    },
    "signin.no_username": {
        "en": "The identity provider sent no user name; ask your IT department.",
        "da": "Identitetsudbyderen sendte intet brugernavn; kontakt jeres it-afdeling.",
    },
    "signin.no_role": {
        "en": "{username} has no Fail or Scale role at the identity provider; ask an "
              "administrator to give you one.",
        "da": "{username} har ingen rolle i Fail or Scale hos identitetsudbyderen; bed en "
              "administrator om at give dig en.",
    },
    # --- form input that breaks a model's constraint (portfolio/input_errors.py) ---------
    "input.missing": {
        "en": "Required.",
        "da": "Skal udfyldes.",
    },
    "input.string_too_short": {
        "en": "Use at least {min_length} characters.",
        "da": "Brug mindst {min_length} tegn.",
    },
    "input.string_too_long": {
        "en": "Use at most {max_length} characters.",
        "da": "Brug højst {max_length} tegn.",
    },
    "input.string_pattern_mismatch": {
        "en": "Use only the characters allowed here ({pattern}).",
        "da": "Brug kun de tegn, der er tilladt her ({pattern}).",
    },
    "input.greater_than_equal": {
        "en": "Must be {ge} or more.",
        "da": "Skal være {ge} eller mere.",
    },
    "input.greater_than": {
        "en": "Must be more than {gt}.",
        "da": "Skal være mere end {gt}.",
    },
    "input.less_than_equal": {
        "en": "Must be {le} or less.",
        "da": "Skal være {le} eller mindre.",
    },
    "input.less_than": {
        "en": "Must be less than {lt}.",
        "da": "Skal være mindre end {lt}.",
    },
    # --- import files (file-level: no row of the file can be imported) -------------------
    "import.unsupported_type": {
        "en": "{file}: only CSV (.csv, .txt) and Excel (.xlsx, .xlsm) files can be imported; "
              "save the sheet as CSV or XLSX and try again.",
        "da": "{file}: kun CSV-filer (.csv, .txt) og Excel-filer (.xlsx, .xlsm) kan "
              "importeres; gem arket som CSV eller XLSX, og prøv igen.",
    },
    "import.no_such_file": {
        "en": "{path}: no such file; check the path and the file name.",
        "da": "{path}: filen findes ikke; tjek stien og filnavnet.",
    },
    "import.cannot_open": {
        "en": "{file}: cannot be opened ({detail}).",
        "da": "{file}: kan ikke åbnes ({detail}).",
    },
    "import.not_text": {
        "en": "{file}: this is not a text file; export the sheet as CSV or XLSX.",
        "da": "{file}: dette er ikke en tekstfil; eksportér arket som CSV eller XLSX.",
    },
    "import.empty": {
        "en": "{file}: the file is empty; it needs a header row and data.",
        "da": "{file}: filen er tom; den skal have en overskriftsrække og data.",
    },
    "import.no_header": {
        "en": "{file}: the file has no header row; it needs one, then data.",
        "da": "{file}: filen har ingen overskriftsrække; den skal have én og derefter data.",
    },
    "import.malformed_csv": {
        "en": "{file}: the CSV is malformed near row {row} ({detail}); check for unbalanced "
              "quotes.",
        "da": "{file}: CSV-filen er fejlformateret omkring række {row} ({detail}); tjek for "
              "anførselstegn, der ikke er lukket.",
    },
    "import.beyond_limit": {
        "en": "{file}: not read: it holds {found} {what}, more than the {limit} an import may "
              "hold. Split it into smaller files, or ask the operator to raise the limit.",
        "da": "{file}: ikke læst: den indeholder {found} {what}, mere end de {limit}, en "
              "import må indeholde. Del den i mindre filer, eller bed driften hæve grænsen.",
    },
    "import.bad_workbook": {
        "en": "{file}: not a readable Excel workbook ({detail}); open it in Excel and save "
              "it again as .xlsx, or export it as CSV.",
        "da": "{file}: ikke en læsbar Excel-projektmappe ({detail}); åbn den i Excel, og gem "
              "den igen som .xlsx, eller eksportér den som CSV.",
    },
    "import.no_worksheet": {
        "en": "{file}: the workbook has no worksheet.",
        "da": "{file}: projektmappen har intet regneark.",
    },
    "import.bad_sheet": {
        "en": "{file}: the first sheet cannot be read ({detail}); save it again as .xlsx or "
              "export it as CSV.",
        "da": "{file}: det første ark kan ikke læses ({detail}); gem det igen som .xlsx, "
              "eller eksportér det som CSV.",
    },
    "import.duplicate_column": {
        "en": "{file}: columns {first} and {second} of the header both mean '{column}'; keep "
              "one of them.",
        "da": "{file}: kolonne {first} og {second} i overskriftsrækken betyder begge "
              "»{column}«; behold kun den ene.",
    },
    "import.missing_columns": {
        "en": "{file}: the {kind} file is missing required column(s) {columns}. Required "
              "columns (English or Danish name, any case): {required}. The header row has: "
              "{header}.",
        "da": "{file}: filen med {kind} mangler de påkrævede kolonner {columns}. Påkrævede "
              "kolonner (engelsk eller dansk navn, store eller små bogstaver): {required}. "
              "Overskriftsrækken har: {header}.",
    },
    "import.unknown_kind": {
        "en": "{file}: cannot tell whether this is an initiatives, kpis or measurements "
              "file. Start its name with the kind (e.g. measurements-2025-06.csv) or use the "
              "columns of docs/import-formats.md.",
        "da": "{file}: det kan ikke afgøres, om filen indeholder initiativer, nøgletal eller "
              "målinger. Lad filnavnet begynde med typen (fx measurements-2025-06.csv), eller "
              "brug kolonnerne fra docs/import-formats.md.",
    },
    # --- rejected import rows (portfolio/importing/problems.py) ---------------------------
    # The English texts are the `reason` of the CLI's --json and of the quarantine: keep them.
    # Column names ({column}) and the values a user typed ({value}) are shown as given.
    "import.required": {
        "en": "{column} is required",
        "da": "{column} skal udfyldes",
    },
    "import.blank": {
        "en": "{column}: is required",
        "da": "{column}: skal udfyldes",
    },
    "import.not_a_number": {
        "en": "{column}: '{value}' is not a number; use digits with a decimal point or comma, "
              "e.g. 1234.5 or 1.234,50",
        "da": "{column}: »{value}« er ikke et tal; brug cifre med decimalkomma eller -punktum, "
              "fx 1234.5 eller 1.234,50",
    },
    "import.not_finite": {
        "en": "{column}: '{value}' is not a finite number",
        "da": "{column}: »{value}« er ikke et endeligt tal",
    },
    "import.not_finite_fill": {
        "en": "{column}: '{value}' is not a finite number; fill in the real value",
        "da": "{column}: »{value}« er ikke et endeligt tal; udfyld den rigtige værdi",
    },
    "import.too_large": {
        "en": "{column}: '{value}' is implausibly large (over 10^15); check the unit",
        "da": "{column}: »{value}« er usandsynligt stort (over 10^15); tjek enheden",
    },
    "import.formula": {
        "en": "{column}: '{value}' is a formula, not a number; type the number instead",
        "da": "{column}: »{value}« er en formel, ikke et tal; skriv tallet i stedet",
    },
    "import.spreadsheet_error": {
        "en": "{column}: '{value}' is a spreadsheet error, not a number",
        "da": "{column}: »{value}« er en fejl fra regnearket, ikke et tal",
    },
    "import.too_small": {
        "en": "{column}: '{value}' is too small; it must be {minimum} or more",
        "da": "{column}: »{value}« er for lille; værdien skal være {minimum} eller mere",
    },
    "import.too_long": {
        "en": "{column}: is too long ({length} characters; at most {limit})",
        "da": "{column}: er for lang ({length} tegn; højst {limit})",
    },
    "import.not_a_date": {
        "en": "{column}: '{value}' is not a date; use YYYY-MM-DD or DD-MM-YYYY",
        "da": "{column}: »{value}« er ikke en dato; brug ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ",
    },
    "import.no_such_day": {
        "en": "{column}: '{value}' is not a date (no such day); use YYYY-MM-DD or DD-MM-YYYY",
        "da": "{column}: »{value}« er ikke en dato (dagen findes ikke); brug ÅÅÅÅ-MM-DD eller "
              "DD-MM-ÅÅÅÅ",
    },
    "import.implausible_year": {
        "en": "{column}: '{value}' has an implausible year {year}; check it",
        "da": "{column}: »{value}« har et usandsynligt årstal, {year}; tjek det",
    },
    "import.not_yes_no": {
        "en": "{column}: '{value}' is not yes/no; use yes, no, ja or nej",
        "da": "{column}: »{value}« er hverken ja eller nej; brug ja, nej, yes eller no",
    },
    "import.unknown_choice": {
        "en": "{column}: '{value}' is not a known {column}; use one of {choices} "
              "(Danish: {danish})",
        "da": "{column}: »{value}« er ikke en kendt værdi i kolonnen {column}; brug en af "
              "{danish} (engelsk: {choices})",
    },
    "import.invalid": {
        "en": "{column}: {detail}",
        "da": "{column}: ugyldig værdi ({detail})",
    },
    "import.target_is_baseline": {
        "en": "target: equals the baseline ({baseline}); a benefit KPI needs a target that "
              "differs from its baseline",
        "da": "target: er lig med baseline ({baseline}); et gevinst-nøgletal skal have et mål, "
              "der er forskelligt fra baseline",
    },
    "import.beyond_header": {
        "en": "row has values beyond the last header column ({found} cells, {expected} "
              "headers); give the column a header or delete the values",
        "da": "rækken har værdier ud over den sidste kolonne med overskrift ({found} celler, "
              "{expected} overskrifter); giv kolonnen en overskrift, eller slet værdierne",
    },
    "import.too_many_values": {
        "en": "row has {found} values but the header has {expected} columns; put values that "
              "contain {delimiter} in double quotes",
        "da": "rækken har {found} værdier, men overskriftsrækken har {expected} kolonner; sæt "
              "værdier, der indeholder {delimiter}, i dobbelte anførselstegn",
    },
    "import.exact_duplicate": {
        "en": "exact duplicate of row {first}; remove one of them",
        "da": "en nøjagtig gentagelse af række {first}; slet den ene af dem",
    },
    "import.duplicate": {
        "en": "duplicate of row {first} (same {key}) with a different {columns}; keep one",
        "da": "gentager række {first} (samme {key}), men med andet indhold i {columns}; "
              "behold den ene",
    },
    "import.unknown_initiative": {
        "en": "initiative_id: initiative '{id}' does not exist; import or register the "
              "initiative first",
        "da": "initiative_id: initiativet »{id}« findes ikke; importér eller registrér "
              "initiativet først",
    },
    "import.unknown_kpi": {
        "en": "kpi: initiative '{id}' has no KPI named '{kpi}'; import or add the KPI first",
        "da": "kpi: initiativet »{id}« har intet nøgletal med navnet »{kpi}«; importér eller "
              "tilføj nøgletallet først",
    },
    "import.outside_scope": {
        "en": "not allowed: this initiative belongs to {department}, outside the departments "
              "{user} may change",
        "da": "ikke tilladt: initiativet hører til {department}, uden for de afdelinger, "
              "{user} må ændre",
    },
    # --- the REST API, webhooks and the public page (#19) ---------------------------------
    "token.exists": {
        "en": "There is already a token named '{name}' (names are never reused, even after "
              "a revocation). Choose another name.",
        "da": "Der findes allerede et token med navnet »{name}« (navne genbruges aldrig, "
              "heller ikke efter en tilbagekaldelse). Vælg et andet navn.",
    },
    "token.unknown": {
        "en": "There is no token named '{name}'. `failscale token list` shows them.",
        "da": "Der findes intet token med navnet »{name}«. `failscale token list` viser dem.",
    },
    "token.needs_scope": {
        "en": "A {role} token needs a scope: --organisation and/or --department.",
        "da": "Et token med rollen {role} skal have et område: --organisation og/eller "
              "--department.",
    },
    "token.admin_everywhere": {
        "en": "An admin token acts in every organisation; leave out --organisation and "
              "--department, or choose another role.",
        "da": "Et administrator-token handler i alle organisationer; udelad --organisation "
              "og --department, eller vælg en anden rolle.",
    },
    "token.unknown_organisation": {
        "en": "No department belongs to the organisation '{organisation}'. Known: {known}.",
        "da": "Ingen afdeling hører til organisationen »{organisation}«. Kendte: {known}.",
    },
    "token.department_elsewhere": {
        "en": "The department(s) {departments} do not belong to {organisation}.",
        "da": "Afdelingen/afdelingerne {departments} hører ikke til {organisation}.",
    },
    "api.other_organisation": {
        "en": "{user} acts for {organisation} only; {what} belongs to another organisation.",
        "da": "{user} handler kun for {organisation}; {what} hører til en anden organisation.",
    },
    "webhook.unknown": {
        "en": "The steering group '{group}' has no webhook.",
        "da": "Styregruppen »{group}« har ingen webhook.",
    },
    # --- the benefit-realisation plan (#18) ---------------------------------------------
    "benefit.no_line": {
        "en": "{id} plans no benefit '{benefit}' in {year}; add the line to the plan first "
              "(initiative page or `failscale import benefits`).",
        "da": "{id} har ingen planlagt gevinst »{benefit}« i {year}; tilføj linjen til "
              "planen først (initiativsiden eller `failscale import benefits`).",
    },
    "benefit.realised_future": {
        "en": "realised: {year} has not begun; record what '{benefit}' realised once the "
              "year is under way.",
        "da": "realiseret: {year} er ikke begyndt; registrér, hvad »{benefit}« har "
              "realiseret, når året er i gang.",
    },
    "import.budget_line_required": {
        "en": "budget_line (budgetlinje): a cashable benefit names the budget line its "
              "kroner are taken home from; fill it in, or give the row the type "
              "non_cashable (ikke-økonomisk) with a unit",
        "da": "budgetlinje (budget_line): en økonomisk gevinst skal angive den budgetlinje, "
              "kronerne hjemtages fra; udfyld den, eller giv rækken typen ikke-økonomisk "
              "med en enhed",
    },
    "import.benefit_unit_required": {
        "en": "unit (enhed): a non-cashable benefit is counted in its own unit (hours, "
              "points, citizens); fill it in",
        "da": "enhed (unit): en ikke-økonomisk gevinst tælles i sin egen enhed (timer, "
              "point, borgere); udfyld den",
    },
    "import.year_out_of_range": {
        "en": "year (år): '{value}' is not a year between 2000 and 2100; write it as four "
              "digits (2026)",
        "da": "år (year): »{value}« er ikke et årstal mellem 2000 og 2100; skriv det med fire "
              "cifre (2026)",
    },
    "public.not_marked": {
        "en": "{id} is not marked public.",
        "da": "{id} er ikke markeret som offentlig.",
    },
}
