"""Demo initiatives of the welfare departments: social, health and elder care, children.

Each row's `expect` is the verdict it is designed to get at the anchor under the default
policy; the comment above it says why.
"""

from __future__ import annotations

from portfolio.demo.org import CHILDREN, HEALTH, SOCIAL
from portfolio.demo.spec import (
    InitiativeSpec,
    adoption,
    benefit,
    cash,
    complaints,
    decided,
    error_rate,
    guard,
    satisfaction,
    walk_ins,
)
from portfolio.models import DecisionKind as K
from portfolio.models import Direction, Source
from portfolio.models import FocusArea as F
from portfolio.models import Recommendation as R
from portfolio.models import Stage as S
from portfolio.models import Technology as T

WELFARE: tuple[InitiativeSpec, ...] = (
    # Public case: citizens could not attach documentation, walk-ins 400 → ~620.
    # Guardrail breached, benefits only yellow, review passed without decision → CLOSE.
    InitiativeSpec(
        id="SB-01", title="Digital ansøgning om enkeltydelser", department=SOCIAL,
        owner="Mette Sørensen", stage=S.EXPERIMENT, focus=F.TECHNOLOGY_USE,
        technology=T.SELF_SERVICE, core_task="Hjælp til borgere i økonomisk nød (enkeltydelser)",
        cause="en digital selvbetjeningsansøgning om enkeltydelser",
        effect="kortere sagsbehandlingstid og færre personlige henvendelser",
        budget=1_200_000, spent=1_050_000, review=-30,
        kpis=(
            benefit("sagsbehandlingstid", "dage", 21, 10, 0.5, decimals=0),
            adoption("andel digitale ansøgninger", 0, 80, 0.7),
            walk_ins(400, 0.55),
            complaints(12, 0.8),
        ),
        tags=("selvbetjening", "ydelser", "borgerservice"), expect=R.CLOSE,
    ),
    # Public case: VR in psychiatry. Self-reported only and stale → NEEDS_DATA.
    InitiativeSpec(
        id="SB-02", title="VR-eksponeringsterapi mod angst i socialpsykiatrien",
        department=SOCIAL, owner="Rasmus Holt", stage=S.EXPERIMENT, focus=F.TECHNOLOGY_USE,
        technology=T.VR, core_task="Støtte til borgere med psykiske vanskeligheder",
        cause="VR-eksponering som supplement til samtaleforløb",
        effect="mindre angst og flere borgere, der selv tager offentlig transport",
        budget=450_000, spent=310_000, review=40, months=8, data_age=130,
        kpis=(
            benefit("oplevet angstniveau", "skala 0-10", 7.2, 5.0, 0.6,
                    source=Source.SELF_REPORTED),
            benefit("borgere der selv tager bussen", "antal", 4, 12, 0.5, decimals=0,
                    source=Source.MANUAL),
            complaints(3, 0.0, name="afbrudte forløb"),
        ),
        decisions=(
            decided(160, K.CONTINUE, "Lovende tilbagemeldinger, men effekten skal dokumenteres "
                    "med journaldata frem for selvrapportering.", R.NEEDS_DATA),
        ),
        tags=("psykiatri", "vr", "angst"), expect=R.NEEDS_DATA,
    ),
    # Budget 43 % overrun (red) and yellow benefits → CLOSE on budget before review.
    InitiativeSpec(
        id="SB-03", title="Chatbot til jobcentrets borgerhenvendelser", department=SOCIAL,
        owner="Jesper Friis", stage=S.EXPERIMENT, focus=F.AUTOMATION, technology=T.CHATBOT,
        core_task="Vejledning af ledige og sygemeldte",
        cause="en chatbot, der besvarer de hyppigste spørgsmål døgnet rundt",
        effect="færre telefonopkald og frigjort tid i kontaktcentret",
        budget=600_000, spent=860_000, review=60, months=9,
        kpis=(
            benefit("telefonopkald til jobcentret", "antal/md", 3200, 2200, 0.5, decimals=0),
            cash("sparede timer i kontaktcentret", "timer/md", 0, 160, 0.45, decimals=0),
            satisfaction(-0.01),
            adoption("samtaler løst uden medarbejder", 0, 60, 0.6),
        ),
        tags=("chatbot", "jobcenter"), expect=R.CLOSE,
    ),
    # Yellow benefits, review still ahead → CONTINUE.
    InitiativeSpec(
        id="SB-04", title="Digitale jobsamtaler via video", department=SOCIAL,
        owner="Jesper Friis", stage=S.EXPERIMENT, focus=F.TECHNOLOGY_USE,
        technology=T.VIDEO_CONSULTATION, core_task="Beskæftigelsesindsats for ledige",
        cause="jobsamtaler via video for ledige, der ønsker det",
        effect="færre udeblivelser og flere samtaler til tiden",
        budget=350_000, spent=200_000, review=90, months=6,
        kpis=(
            benefit("udeblivelser fra jobsamtaler", "%", 18, 8, 0.55),
            benefit("samtaler afholdt til tiden", "%", 70, 90, 0.5, source=Source.MANUAL),
            satisfaction(0.02),
            adoption("samtaler via video", 0, 50, 0.6),
        ),
        tags=("video", "jobcenter"), expect=R.CONTINUE,
    ),
    # An idea: a decision rule registered, nothing measured yet → NEEDS_DATA.
    InitiativeSpec(
        id="SB-05", title="AI-screening af sygedagpengesager", department=SOCIAL,
        owner="Mette Sørensen", stage=S.IDEA, focus=F.DATA_SUPPORT, technology=T.AI_ML,
        core_task="Opfølgning på sygemeldte borgere",
        cause="en model, der markerer sager med risiko for langvarigt sygefravær",
        effect="flere sager fulgt op til tiden",
        budget=250_000, spent=0, review=75,
        kpis=(benefit("sager fulgt op til tiden", "%", 75, 95, 0.0),),
        tags=("ai", "sygedagpenge"), expect=R.NEEDS_DATA,
    ),
    # Closed: the terminals were hardly used.
    InitiativeSpec(
        id="SB-06", title="Selvbetjeningsterminaler i jobcentrets reception", department=SOCIAL,
        owner="Jesper Friis", stage=S.CLOSED, focus=F.AUTOMATION, technology=T.SELF_SERVICE,
        core_task="Fremmøde og registrering af ledige",
        cause="terminaler, hvor ledige selv registrerer fremmøde",
        effect="kortere kø ved skranken",
        budget=400_000, spent=380_000, review=None, months=9, data_age=260,
        kpis=(benefit("registreringer ved skranken", "antal/md", 900, 300, 0.1, decimals=0),),
        decisions=(
            decided(420, K.CONTINUE, "Giv terminalerne et halvt år mere med bedre skiltning."),
            decided(250, K.CLOSE, "Ingen effekt efter et år; de ledige bruger appen.",
                    reason="no_effect"),
        ),
        lesson="Terminalerne blev næsten ikke brugt: de ledige tjekkede allerede ind med "
               "MitID-appen på telefonen. Spørg brugerne, før der købes hardware.",
        tags=("selvbetjening", "jobcenter"),
    ),
    # Public case: virtual outpatient consultations save patients travel → SCALE.
    InitiativeSpec(
        id="SA-01", title="Virtuelle ambulante konsultationer", department=HEALTH,
        owner="Overlæge Sofie Dahl", stage=S.EXPERIMENT, focus=F.TECHNOLOGY_USE,
        technology=T.VIDEO_CONSULTATION,
        core_task="Kontrol og behandling af borgere med kronisk sygdom",
        cause="videokonsultationer i stedet for fremmøde ved kontrolbesøg",
        effect="mindre transporttid for patienterne og færre udeblivelser",
        budget=900_000, spent=780_000, review=21,
        kpis=(
            benefit("sparet transporttid for patienter", "timer/md", 0, 350, 1.0, decimals=0),
            cash("kørselsgodtgørelse sparet", "kr./md", 0, 45_000, 0.95, decimals=0),
            benefit("udeblivelser fra kontrol", "%", 12, 6, 0.9),
            satisfaction(-0.03, name="patienttilfredshed"),
            complaints(30, 0.02, name="genindlæggelser", source=Source.SYSTEM_EXPORT),
            adoption("kontroller gennemført som video", 0, 60, 1.0),
        ),
        decisions=(
            decided(180, K.CONTINUE, "Første halvår er lovende; fortsæt og hent udeblivelser "
                    "fra journalsystemet."),
        ),
        tags=("video", "sundhed", "transport"), expect=R.SCALE,
    ),
    # Public case: care-journal system scaled from elder care towards employment.
    # Benefits green but already scaling → CONTINUE (follow-up after scaling).
    InitiativeSpec(
        id="SA-02", title="Fælles digital omsorgsjournal fra ældrepleje til jobcenter",
        department=HEALTH, owner="Mette Sørensen", stage=S.SCALING,
        focus=F.ORGANISATIONAL_COHERENCE, technology=T.DATA_PLATFORM,
        core_task="Sammenhængende forløb for borgere i pleje og beskæftigelse",
        cause="én fælles omsorgsjournal på tværs af hjemmepleje, plejecentre og jobcenter",
        effect="mindre dobbeltdokumentation og færre fejl i overleveringer",
        budget=3_500_000, spent=3_300_000, review=120, months=18,
        kpis=(
            cash("sparede timer på dokumentation", "timer/md", 0, 900, 0.92, decimals=0),
            benefit("fejl i overleveringer", "antal/md", 40, 15, 0.85, decimals=0,
                    early_source=Source.MANUAL),
            complaints(25, -0.1, name="utilsigtede hændelser"),
            adoption("medarbejdere der dokumenterer i journalen", 20, 95, 0.9),
        ),
        decisions=(
            decided(480, K.CONTINUE, "Gevinsterne tegner sig i hjemmeplejen; fortsæt."),
            decided(210, K.SCALE, "Gevinsterne holder i ældreplejen; udbredes til jobcenter "
                    "og familieområdet.", reason=None),
        ),
        lesson="Udbredelsen til jobcentret krævede egne skabeloner og en superbruger pr. team; "
               "uden dem faldt brugen de første to måneder.",
        tags=("omsorgsjournal", "sammenhæng", "udbredelse"),
        planned=(HEALTH, SOCIAL, CHILDREN), adopted=(HEALTH, SOCIAL), started=700,
        expect=R.CONTINUE,
    ),
    # In operation with green benefits → CONTINUE.
    InitiativeSpec(
        id="SA-03", title="Skærmbesøg i hjemmeplejen", department=HEALTH,
        owner="Birthe Olsen", stage=S.OPERATION, focus=F.TECHNOLOGY_USE,
        technology=T.WELFARE_TECHNOLOGY, core_task="Hjemmepleje og medicinpåmindelser",
        cause="skærmbesøg til medicinpåmindelse og tryghedsopkald",
        effect="frigjort tid i hjemmeplejen uden ringere tryghed",
        budget=1_500_000, spent=1_450_000, review=150, months=20,
        kpis=(
            cash("sparede timer i hjemmeplejen", "timer/md", 0, 600, 0.95, decimals=0),
            benefit("kørte kilometer", "km/md", 21_000, 15_000, 0.9, decimals=0),
            satisfaction(-0.02),
            adoption("borgere med skærmbesøg", 0, 30, 0.95),
        ),
        decisions=(
            decided(700, K.SCALE, "Klar gevinst i forsøgsdistriktet; udbredes overalt."),
            decided(330, K.CONTINUE, "Udbredt i alle distrikter; overgår til drift."),
        ),
        lesson="Skærmbesøg virker til medicinpåmindelser, men ikke til borgere med demens; "
               "visitér efter en fast tjekliste.",
        tags=("velfærdsteknologi", "hjemmepleje"), started=820, expect=R.CONTINUE,
    ),
    # Yellow benefits and the review date passed without a decision → PIVOT (zombie).
    InitiativeSpec(
        id="SA-04", title="Sensorbaseret natteovervågning på plejecentre", department=HEALTH,
        owner="Birthe Olsen", stage=S.EXPERIMENT, focus=F.DATA_SUPPORT,
        technology=T.SENSORS_IOT, core_task="Pleje og tryghed for beboere på plejecentre",
        cause="sensorer, der varsler, når en beboer står op om natten",
        effect="færre unødige natlige tilsyn og færre faldulykker",
        budget=800_000, spent=760_000, review=-45, months=10,
        kpis=(
            benefit("unødige natlige tilsyn", "antal/uge", 140, 60, 0.6, decimals=0),
            benefit("faldulykker om natten", "antal/md", 9, 5, 0.55),
            satisfaction(0.0, name="pårørendetilfredshed"),
        ),
        tags=("sensorer", "plejecenter", "nattevagt"), expect=R.PIVOT,
    ),
    # Started recently: only two measurements → NEEDS_DATA.
    InitiativeSpec(
        id="SA-05", title="AI-forudsigelse af genindlæggelser", department=HEALTH,
        owner="Overlæge Sofie Dahl", stage=S.EXPERIMENT, focus=F.DATA_SUPPORT,
        technology=T.AI_ML, core_task="Forebyggelse af genindlæggelser af ældre",
        cause="en model, der udpeger ældre med høj risiko for genindlæggelse",
        effect="færre forebyggelige genindlæggelser",
        budget=700_000, spent=150_000, review=120, months=1,
        kpis=(
            benefit("forebyggelige genindlæggelser", "antal/md", 50, 35, 0.2, decimals=0),
            error_rate(8.0, 0.0, name="falske alarmer"),
        ),
        tags=("ai", "forebyggelse"), expect=R.NEEDS_DATA,
    ),
    # Closed: no effect.
    InitiativeSpec(
        id="SA-06", title="Spiserobot til borgere med nedsat armfunktion", department=HEALTH,
        owner="Birthe Olsen", stage=S.CLOSED, focus=F.TECHNOLOGY_USE,
        technology=T.WELFARE_TECHNOLOGY, core_task="Selvhjulpenhed for borgere i eget hjem",
        cause="spiserobotter til borgere, der i dag får hjælp til at spise",
        effect="større selvhjulpenhed og frigjort plejetid",
        budget=300_000, spent=290_000, review=None, months=8, data_age=320,
        kpis=(cash("sparede plejetimer", "timer/md", 0, 120, 0.15, decimals=0),),
        decisions=(decided(300, K.CLOSE, "Kun få borgere kunne bruge robotten.",
                           reason="no_effect"),),
        lesson="Kun 4 ud af 25 visiterede borgere kunne betjene robotten; resten manglede "
               "hovedkontrol eller ville ikke. Afprøv med ergoterapeut før indkøb.",
        tags=("velfærdsteknologi", "robot"),
    ),
    # Public case: parent–school platform. Yellow at review, last decision before → PIVOT.
    InitiativeSpec(
        id="BU-01", title="Kommunikationsplatform mellem forældre og skole", department=CHILDREN,
        owner="Jonas Kristensen", stage=S.EXPERIMENT, focus=F.ORGANISATIONAL_COHERENCE,
        technology=T.OTHER, core_task="Samarbejde mellem skole og hjem",
        cause="én platform til beskeder, ugebreve og fraværsmeldinger",
        effect="færre telefonopkald til skolekontorerne og bedre informerede forældre",
        budget=1_100_000, spent=1_000_000, review=-10, months=14,
        kpis=(
            benefit("telefonopkald til skolekontorer", "antal/uge", 600, 300, 0.55, decimals=0),
            benefit("forældre der læser ugebrevet", "%", 55, 90, 0.6, source=Source.MANUAL),
            complaints(15, 0.05, name="klager fra forældre"),
            adoption("aktive forældrebrugere", 0, 90, 0.75),
        ),
        decisions=(
            decided(220, K.CONTINUE, "Forældrene tager platformen til sig; fortsæt til "
                    "efter sommerferien."),
        ),
        tags=("skole", "forældre", "kommunikation"), expect=R.PIVOT,
    ),
    # Public case: digital assistant allocating pupils to upper-secondary schools → SCALE.
    InitiativeSpec(
        id="BU-02", title="Digital assistent til fordeling af elever på gymnasier",
        department=CHILDREN, owner="Anders Bach", stage=S.EXPERIMENT, focus=F.AUTOMATION,
        technology=T.AI_ML, core_task="Overgang fra grundskole til ungdomsuddannelse",
        cause="en digital assistent, der foreslår fordelingen ud fra ønsker, transport og "
              "kapacitet",
        effect="hurtigere og mere ensartet fordeling af elever",
        budget=650_000, spent=600_000, review=30,
        kpis=(
            cash("sparede sagsbehandlertimer", "timer/md", 0, 400, 1.0, decimals=0),
            benefit("elever der fik første prioritet", "%", 82, 90, 0.95),
            complaints(20, -0.15, name="klager over fordelingen"),
        ),
        tags=("ai", "ungdomsuddannelse", "fordeling"), expect=R.SCALE,
    ),
    # In operation, green → CONTINUE.
    InitiativeSpec(
        id="BU-03", title="Indeklimasensorer i daginstitutioner", department=CHILDREN,
        owner="Anders Bach", stage=S.OPERATION, focus=F.DATA_SUPPORT,
        technology=T.SENSORS_IOT, core_task="Sunde rammer for børn i dagtilbud",
        cause="CO2- og temperatursensorer med besked til personalet",
        effect="bedre indeklima og lavere varmeforbrug",
        budget=900_000, spent=870_000, review=100, months=20,
        kpis=(
            benefit("stuer med for høj CO2", "%", 35, 10, 0.9),
            cash("kr. sparet på varme", "kr./md", 0, 30_000, 0.85, decimals=0),
            guard("sygefravær blandt børn", "%", 6.0, -0.05, Direction.LOWER,
                  source=Source.SYSTEM_EXPORT),
        ),
        decisions=(
            decided(600, K.SCALE, "Bedre indeklima i forsøgsinstitutionerne; udbredes."),
            decided(240, K.CONTINUE, "Udbredt i alle institutioner; overgår til drift."),
        ),
        lesson="Sensorerne hjælper kun, når en medarbejder på stuen har ansvaret for at reagere "
               "på beskeden.",
        tags=("sensorer", "dagtilbud", "indeklima"), started=760, expect=R.CONTINUE,
    ),
    # Benefits green but parents' complaints about data use up 60 % → PIVOT.
    InitiativeSpec(
        id="BU-04", title="Datadrevet opsporing af bekymrende skolefravær", department=CHILDREN,
        owner="Jonas Kristensen", stage=S.EXPERIMENT, focus=F.DATA_SUPPORT,
        technology=T.DATA_PLATFORM, core_task="Trivsel og fremmøde i folkeskolen",
        cause="ugentlige fraværsoverblik til skoleledere med tidlige advarsler",
        effect="færre elever med bekymrende fravær",
        budget=500_000, spent=420_000, review=45, months=10,
        kpis=(
            benefit("elever med bekymrende fravær", "%", 9, 6, 0.95, decimals=2),
            complaints(5, 0.6, name="klager over dataanvendelse"),
        ),
        tags=("data", "fravær", "trivsel"), expect=R.PIVOT,
    ),
    # An idea without any KPI yet: no baseline, no experiment → NEEDS_DATA.
    InitiativeSpec(
        id="BU-05", title="Optimeret planlægning af specialkørsel", department=CHILDREN,
        owner="Anders Bach", stage=S.IDEA, focus=F.AUTOMATION, technology=T.AI_ML,
        core_task="Kørsel af børn til specialtilbud",
        cause="en ruteoptimering af specialkørslen",
        effect="lavere kørselsudgifter og kortere køretid for børnene",
        budget=200_000, spent=0, review=90,
        tags=("kørsel", "optimering"), expect=R.NEEDS_DATA,
    ),
    # Closed on a guardrail: too many wrong assessments.
    InitiativeSpec(
        id="BU-06", title="Appbaseret sprogvurdering af 3-årige", department=CHILDREN,
        owner="Jonas Kristensen", stage=S.CLOSED, focus=F.AUTOMATION, technology=T.AI_ML,
        core_task="Sprogvurdering og tidlig indsats i dagtilbud",
        cause="en app, der understøtter pædagogernes sprogvurdering",
        effect="kortere tid pr. vurdering",
        budget=350_000, spent=340_000, review=None, months=10, data_age=200,
        kpis=(
            cash("sparede timer pr. vurderingsrunde", "timer/md", 0, 80, 0.7, decimals=0),
            error_rate(5.0, 0.9, name="forkerte vurderinger"),
        ),
        decisions=(decided(180, K.CLOSE, "For mange børn blev vurderet forkert.",
                           reason="guardrail"),),
        lesson="Appen sparede tid, men flere tosprogede børn blev vurderet forkert. "
               "Værn om kvaliteten skal måles fra dag ét.",
        tags=("sprog", "dagtilbud", "ai"),
    ),
)
