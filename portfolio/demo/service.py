"""Demo initiatives of the service departments: finance and digital, technical, culture.

Each row's `expect` is the verdict it is designed to get at the anchor under the default
policy; the comment above it says why.
"""

from __future__ import annotations

from portfolio.demo.org import CHILDREN, CULTURE, FINANCE, SOCIAL, TECHNICAL
from portfolio.demo.spec import (
    InitiativeSpec,
    adoption,
    benefit,
    cash,
    complaints,
    decided,
    error_rate,
    satisfaction,
    walk_ins,
)
from portfolio.models import DecisionKind as K
from portfolio.models import FocusArea as F
from portfolio.models import Recommendation as R
from portfolio.models import Source
from portfolio.models import Stage as S
from portfolio.models import Technology as T

SERVICE: tuple[InitiativeSpec, ...] = (
    # Public case: RPA in finance, in operation and delivering → CONTINUE.
    InitiativeSpec(
        id="OD-01", title="Softwarerobot til bankafstemning", department=FINANCE,
        owner="Hanne Lund", stage=S.OPERATION, focus=F.AUTOMATION, technology=T.RPA,
        core_task="Regnskab og betalinger",
        cause="en softwarerobot, der afstemmer bankkonti dagligt",
        effect="frigjort tid i bogholderiet og rettidige afstemninger",
        budget=400_000, spent=380_000, review=80, months=18,
        kpis=(
            cash("sparede timer i bogholderiet", "timer/md", 0, 120, 1.0, decimals=0),
            benefit("afstemninger færdige til tiden", "%", 70, 98, 0.95),
            error_rate(1.5, -0.2, name="fejlposteringer", source=Source.SYSTEM_EXPORT),
        ),
        decisions=(
            decided(640, K.SCALE, "Robotten afstemmer korrekt; udvid til alle konti."),
            decided(260, K.CONTINUE, "Kører stabilt på alle konti; overgår til drift."),
        ),
        lesson="Robotten er billig at drive, men hver bankændring kræver en opdatering; "
               "hav en fast robotansvarlig.",
        tags=("rpa", "økonomi"), started=800, expect=R.CONTINUE,
    ),
    # Public case: RPA in finance, new process, green after 9 months → SCALE.
    InitiativeSpec(
        id="OD-02", title="Softwarerobot til kreditorfakturaer", department=FINANCE,
        owner="Hanne Lund", stage=S.EXPERIMENT, focus=F.AUTOMATION, technology=T.RPA,
        core_task="Betaling af leverandører",
        cause="en softwarerobot, der kontrollerer og bogfører standardfakturaer",
        effect="færre manuelle timer og færre rykkergebyrer",
        budget=500_000, spent=520_000, review=10, months=9,
        kpis=(
            cash("sparede timer i kreditorbogholderiet", "timer/md", 0, 250, 0.95, decimals=0),
            cash("rykkergebyrer", "kr./md", 18_000, 2_000, 0.9, decimals=0),
            error_rate(2.0, 0.04, name="fejlbogførte fakturaer", source=Source.SYSTEM_EXPORT),
            adoption("fakturaer behandlet af robotten", 0, 70, 1.0),
        ),
        tags=("rpa", "økonomi", "faktura"), expect=R.SCALE,
    ),
    # Red so far, but early and before review, budget yellow → CONTINUE.
    InitiativeSpec(
        id="OD-03", title="Fælles dataplatform for ledelsesinformation", department=FINANCE,
        owner="Sara Ahmed", stage=S.EXPERIMENT, focus=F.DATA_SUPPORT,
        technology=T.DATA_PLATFORM, core_task="Styring og ledelsesinformation",
        cause="en fælles dataplatform med automatiske ledelsesrapporter",
        effect="færre manuelle udtræk og hurtigere ledelsesinformation",
        budget=1_800_000, spent=2_070_000, review=150, months=5,
        kpis=(
            benefit("rapporter leveret automatisk", "%", 10, 80, 0.25, early_source=Source.MANUAL),
            cash("timer brugt på manuelle udtræk", "timer/md", 300, 100, 0.3, decimals=0),
            adoption("ledere der bruger platformen", 0, 80, 0.35),
        ),
        tags=("data", "ledelsesinformation"), expect=R.CONTINUE,
    ),
    # Red attainment past review, no decision (zombie) → CLOSE.
    InitiativeSpec(
        id="OD-04", title="AI-klassificering af indgående digital post", department=FINANCE,
        owner="Sara Ahmed", stage=S.EXPERIMENT, focus=F.AUTOMATION, technology=T.AI_ML,
        core_task="Journalisering og fordeling af post",
        cause="en model, der klassificerer og fordeler indgående digital post",
        effect="automatisk journalisering og frigjort tid i postfordelingen",
        budget=750_000, spent=700_000, review=-60, months=10,
        kpis=(
            benefit("post journaliseret automatisk", "%", 0, 70, 0.2),
            cash("sparede timer i postfordelingen", "timer/md", 0, 200, 0.15, decimals=0),
            error_rate(3.0, 0.05, name="fejljournaliseret post"),
        ),
        tags=("ai", "post", "journalisering"), expect=R.CLOSE,
    ),
    # Closed: the budget ran away.
    InitiativeSpec(
        id="OD-05", title="Ny indkøbsportal til institutioner", department=FINANCE,
        owner="Hanne Lund", stage=S.CLOSED, focus=F.TECHNOLOGY_USE, technology=T.SELF_SERVICE,
        core_task="Indkøb og aftaleoverholdelse", cause="en indkøbsportal med kommunens aftaler",
        effect="højere aftaleoverholdelse",
        budget=1_000_000, spent=1_600_000, review=None, months=10, data_age=230,
        kpis=(benefit("aftaleoverholdelse", "%", 72, 90, 0.35),),
        decisions=(decided(210, K.CLOSE, "Budgettet er overskredet med 60 % uden gevinst.",
                           reason="budget"),),
        lesson="Integrationen til leverandørernes kataloger var undervurderet. Kræv en "
               "teknisk afklaring før kontrakt.",
        tags=("indkøb", "budget"),
    ),
    # Spread in progress, benefits green → CONTINUE.
    InitiativeSpec(
        id="TM-01", title="Fyldningssensorer i affaldscontainere", department=TECHNICAL,
        owner="Kim Vestergaard", stage=S.SCALING, focus=F.DATA_SUPPORT,
        technology=T.SENSORS_IOT, core_task="Affaldsindsamling",
        cause="sensorer, der melder fyldningsgrad, så containere tømmes efter behov",
        effect="færre tømningskørsler og færre overfyldte containere",
        budget=1_300_000, spent=1_250_000, review=90, months=16,
        kpis=(
            cash("kr. sparet på tømning", "kr./md", 0, 60_000, 0.88, decimals=0),
            benefit("overfyldte containere", "antal/md", 120, 30, 0.9, decimals=0),
            complaints(40, -0.1, name="klager over affald", source=Source.SYSTEM_EXPORT),
        ),
        decisions=(decided(360, K.SCALE, "Sparer kørsler på genbrugspladserne; udbredes til "
                           "kommunens egne institutioner."),),
        lesson="Sensorerne skal monteres af leverandøren; egne montører kostede tre måneder.",
        tags=("sensorer", "affald", "udbredelse"),
        planned=(TECHNICAL, CULTURE, CHILDREN), adopted=(TECHNICAL, CULTURE), started=520,
        expect=R.CONTINUE,
    ),
    # At review today with yellow benefits after an earlier pivot → PIVOT.
    InitiativeSpec(
        id="TM-02", title="Digital byggeansøgning med automatisk tjek af bilag",
        department=TECHNICAL, owner="Kim Vestergaard", stage=S.EXPERIMENT,
        focus=F.AUTOMATION, technology=T.AI_ML, core_task="Byggesagsbehandling",
        cause="et automatisk tjek af bilag, når borgeren indsender byggeansøgningen",
        effect="færre mangelfulde ansøgninger og kortere sagsbehandlingstid",
        budget=900_000, spent=850_000, review=0, months=12,
        kpis=(
            benefit("ansøgninger med mangler", "%", 45, 20, 0.55),
            benefit("sagsbehandlingstid for byggesager", "dage", 60, 35, 0.6, decimals=0),
            satisfaction(0.03),
        ),
        decisions=(decided(150, K.PIVOT, "Tjekket fangede for få mangler; skift fra AI til "
                           "regelbaseret tjek af de fem hyppigste bilag."),),
        tags=("byggesag", "selvbetjening"), expect=R.PIVOT,
    ),
    # Measured by hand during flights, last five months ago: stale → NEEDS_DATA.
    InitiativeSpec(
        id="TM-03", title="Droner til inspektion af broer og tage", department=TECHNICAL,
        owner="Kim Vestergaard", stage=S.EXPERIMENT, focus=F.TECHNOLOGY_USE,
        technology=T.OTHER, core_task="Vedligehold af kommunale bygninger og broer",
        cause="droneinspektion i stedet for lift og stillads",
        effect="færre inspektionstimer og færre arbejdsulykker",
        budget=300_000, spent=240_000, review=30, months=6, data_age=150,
        kpis=(
            cash("sparede inspektionstimer", "timer/md", 0, 80, 0.7, decimals=0,
                 source=Source.MANUAL),
            complaints(2, 0.0, name="arbejdsulykker"),
        ),
        tags=("droner", "vedligehold"), expect=R.NEEDS_DATA,
    ),
    # Red attainment, review passed, the last decision came before it (zombie) → CLOSE.
    InitiativeSpec(
        id="TM-04", title="Chatbot til henvendelser om vej og park", department=TECHNICAL,
        owner="Kim Vestergaard", stage=S.EXPERIMENT, focus=F.AUTOMATION, technology=T.CHATBOT,
        core_task="Borgerhenvendelser om veje, parker og vinterberedskab",
        cause="en chatbot på hjemmesiden om vej og park",
        effect="færre telefonopkald til Vej og Park",
        budget=400_000, spent=380_000, review=-20, months=11,
        kpis=(
            benefit("henvendelser løst af chatbotten", "%", 0, 50, 0.15),
            benefit("telefonopkald til Vej og Park", "antal/md", 1500, 1000, 0.1, decimals=0),
            satisfaction(0.04),
        ),
        decisions=(decided(200, K.CONTINUE, "Giv chatbotten en vinter; opkaldene topper i "
                           "vinterberedskabet."),),
        tags=("chatbot", "vej og park"), expect=R.CLOSE,
    ),
    # An idea with a decision rule but no data → NEEDS_DATA.
    InitiativeSpec(
        id="TM-05", title="Intelligent trafiklysstyring ved skoleveje", department=TECHNICAL,
        owner="Kim Vestergaard", stage=S.IDEA, focus=F.DATA_SUPPORT,
        technology=T.SENSORS_IOT, core_task="Trafiksikkerhed",
        cause="trafiklys, der giver cyklister grønt om morgenen ved skoler",
        effect="kortere ventetid og færre farlige krydsninger",
        budget=1_200_000, spent=0, review=120,
        kpis=(benefit("farlige krydsninger", "antal/uge", 40, 20, 0.0, decimals=0),),
        tags=("trafik", "sensorer", "skolevej"), expect=R.NEEDS_DATA,
    ),
    # Parked: not mature yet.
    InitiativeSpec(
        id="TM-06", title="Robotplæneklippere i parker", department=TECHNICAL,
        owner="Kim Vestergaard", stage=S.CLOSED, focus=F.AUTOMATION, technology=T.OTHER,
        core_task="Pleje af grønne områder", cause="robotplæneklippere på store græsarealer",
        effect="frigjorte gartnertimer",
        budget=250_000, spent=120_000, review=None, months=5, data_age=150,
        kpis=(cash("sparede gartnertimer", "timer/md", 0, 150, 0.3, decimals=0,
                   source=Source.MANUAL),),
        decisions=(decided(120, K.PARK, "Teknologien er ikke moden til kuperede arealer; "
                           "genovervej om to år.", reason="not_now"),),
        lesson="Robotterne klarede kun flade arealer uden træer; parkeret til teknologien "
               "kan håndtere skråninger.",
        tags=("robot", "park"),
    ),
    # Scaled self-service; benefits green but older citizens' complaints rose → PIVOT.
    InitiativeSpec(
        id="KB-01", title="Online tidsbestilling til pas og kørekort", department=CULTURE,
        owner="Jonas Kristensen", stage=S.SCALING, focus=F.TECHNOLOGY_USE,
        technology=T.SELF_SERVICE, core_task="Borgerservice: pas, kørekort og sygesikring",
        cause="obligatorisk online tidsbestilling i alle borgerservicecentre",
        effect="kortere ventetid i Borgerservice",
        budget=450_000, spent=430_000, review=60, months=15,
        kpis=(
            benefit("ventetid i Borgerservice", "minutter", 35, 10, 0.95, decimals=0),
            complaints(20, 0.35, name="klager fra ældre borgere"),
            walk_ins(1800, -0.2),
        ),
        decisions=(decided(400, K.SCALE, "Ventetiden er halveret i hovedbiblioteket; "
                           "udbredes til alle borgerservicecentre."),),
        lesson="Tidsbestilling halverede ventetiden, men ældre uden MitID blev afvist; "
               "hold en drop-in-time hver formiddag.",
        tags=("selvbetjening", "borgerservice", "udbredelse"),
        planned=(CULTURE, SOCIAL), adopted=(CULTURE,), started=480, expect=R.PIVOT,
    ),
    # Green after a year → SCALE.
    InitiativeSpec(
        id="KB-02", title="Chatbot i Borgerservice", department=CULTURE,
        owner="Sara Ahmed", stage=S.EXPERIMENT, focus=F.AUTOMATION, technology=T.CHATBOT,
        core_task="Borgerservice: svar på generelle spørgsmål",
        cause="en chatbot, der svarer på de 50 hyppigste spørgsmål",
        effect="færre telefonopkald og frigjort tid i Borgerservice",
        budget=500_000, spent=480_000, review=15,
        kpis=(
            benefit("telefonopkald til Borgerservice", "antal/md", 4000, 2800, 0.95, decimals=0),
            cash("sparede timer i Borgerservice", "timer/md", 0, 300, 0.9, decimals=0),
            satisfaction(-0.02),
            adoption("spørgsmål besvaret af chatbotten", 0, 60, 0.9),
        ),
        tags=("chatbot", "borgerservice"), expect=R.SCALE,
    ),
    # In operation, green → CONTINUE.
    InitiativeSpec(
        id="KB-03", title="Meråbne biblioteker", department=CULTURE,
        owner="Jonas Kristensen", stage=S.OPERATION, focus=F.TECHNOLOGY_USE,
        technology=T.SELF_SERVICE, core_task="Biblioteksbetjening",
        cause="adgang med sundhedskort uden for bemandet åbningstid",
        effect="flere åbne timer og flere besøgende",
        budget=600_000, spent=590_000, review=200, months=24,
        kpis=(
            benefit("åbningstimer pr. uge", "timer", 45, 90, 1.0, decimals=0),
            benefit("besøgende uden for bemandet tid", "antal/md", 0, 2500, 0.85, decimals=0,
                    source=Source.MANUAL),
            complaints(4, 0.0, name="hærværk og tyveri"),
        ),
        decisions=(
            decided(680, K.SCALE, "Filialen i Nordby har fordoblet åbningstiden; udbredes."),
            decided(300, K.CONTINUE, "Alle filialer er meråbne; overgår til drift."),
        ),
        lesson="Meråbent virker bedst med en lokal frivilliggruppe, der føler ejerskab.",
        tags=("bibliotek", "selvbetjening"), started=900, expect=R.CONTINUE,
    ),
    # Yellow, review passed a few days ago without a decision (zombie) → PIVOT.
    InitiativeSpec(
        id="KB-04", title="Videorådgivning om digital post for ældre", department=CULTURE,
        owner="Sara Ahmed", stage=S.EXPERIMENT, focus=F.TECHNOLOGY_USE,
        technology=T.VIDEO_CONSULTATION, core_task="Hjælp til digital selvbetjening",
        cause="videorådgivning om digital post i stedet for fremmøde",
        effect="færre fremmøder og flere ældre, der klarer digital post selv",
        budget=250_000, spent=230_000, review=-3, months=8,
        kpis=(
            benefit("fremmøder for hjælp til digital post", "antal/md", 500, 250, 0.5,
                    decimals=0),
            benefit("ældre der selv bruger digital post", "%", 40, 70, 0.65,
                    source=Source.SELF_REPORTED),
            satisfaction(-0.01),
        ),
        tags=("video", "digital post", "ældre"), expect=R.PIVOT,
    ),
    # Parked from the idea stage.
    InitiativeSpec(
        id="KB-05", title="VR-oplevelser på biblioteket", department=CULTURE,
        owner="Jonas Kristensen", stage=S.CLOSED, focus=F.TECHNOLOGY_USE, technology=T.VR,
        core_task="Kultur og læring for børn og unge", cause="VR-stationer på hovedbiblioteket",
        effect="flere unge besøgende",
        budget=150_000, spent=10_000, review=None,
        decisions=(decided(90, K.PARK, "Ikke nu: pengene bruges på meråbne filialer.",
                           R.NEEDS_DATA, reason="not_now"),),
        lesson="Parkeret før start; to nabokommuner har erfaringer, der bør indhentes først.",
        tags=("vr", "bibliotek"),
    ),
    # An idea → NEEDS_DATA.
    InitiativeSpec(
        id="KB-06", title="AI-tolkning ved borgerbetjening", department=CULTURE,
        owner="Sara Ahmed", stage=S.IDEA, focus=F.TECHNOLOGY_USE, technology=T.AI_ML,
        core_task="Borgerservice for borgere med andet modersmål",
        cause="AI-tolkning på tablet ved skranken",
        effect="færre bestilte tolke og kortere betjeningstid",
        budget=150_000, spent=0, review=60,
        kpis=(
            cash("tolkeudgifter", "kr./md", 40_000, 20_000, 0.0, decimals=0),
            walk_ins(300, 0.0),
        ),
        tags=("ai", "tolkning", "borgerservice"), expect=R.NEEDS_DATA,
    ),
)
