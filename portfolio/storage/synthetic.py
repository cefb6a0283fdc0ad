"""A synthetic national portfolio generated inside DuckDB (`failscale synth`, #7).

Everything is made by SQL from range() and a seeded hash, so 10 M measurements never pass
through Python and the same seed gives the same portfolio (for one DuckDB version).
The shapes follow PRODUCT.md: ~100 organisations with six departments each, every
stage, benefit/guardrail/adoption KPIs in both directions, trends with noise, KPIs
without data, stale and self-reported ones, budget overruns and overdue reviews; and the
steering history the service would have recorded: decisions (closed or parked with a reason
code), lessons, planned departments and dated adoptions of scaled initiatives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from portfolio.storage import measurement_stats

MAX_ORGANISATIONS = 103
"""98 municipalities and 5 regions, each with six departments and a steering group."""

_MACRO = (
    "CREATE OR REPLACE TEMP MACRO synth_u(seed, key, salt) AS "
    "(hash(seed, key, salt) % 1000003)::DOUBLE / 1000003"
)

_DEPARTMENTS = """
INSERT INTO departments (name, organisation, steering_group)
SELECT d.name || ' · ' || o.name, o.name, 'Digitaliseringsstyregruppe ' || o.name
FROM (SELECT o, CASE WHEN o < 98 THEN printf('Kommune %03d', o + 1)
                     ELSE ['Region Hovedstaden', 'Region Sjælland', 'Region Syddanmark',
                           'Region Midtjylland', 'Region Nordjylland'][o - 97] END AS name
      FROM range($orgs) t(o)) o,
     (SELECT unnest(['Social og Sundhed', 'Børn og Unge', 'Beskæftigelse',
                     'Teknik og Miljø', 'Kultur og Fritid', 'Borgerservice']) AS name) d
ON CONFLICT DO NOTHING
"""

# The organisations, steering groups and each initiative's organisation (schema 12),
# from the departments written above.
_ORGANISATIONS = """
INSERT INTO organisations (name, kind)
SELECT DISTINCT organisation,
       CASE WHEN organisation LIKE 'Region %' THEN 'region' ELSE 'kommune' END
FROM departments ON CONFLICT DO NOTHING;
INSERT INTO steering_groups (organisation, name)
SELECT DISTINCT organisation, steering_group FROM departments WHERE steering_group <> ''
ON CONFLICT DO NOTHING;
UPDATE initiatives SET organisation = d.organisation
FROM departments d WHERE d.name = initiatives.department AND initiatives.id LIKE 'SYN-%';
"""

_INITIATIVES = """
INSERT INTO initiatives (id, title, department, owner, stage, started_on, review_on,
                         budget_dkk, spent_dkk, focus_area, technology, core_task, hypothesis,
                         planned_departments)
SELECT id, tech_label || ' i ' || lower(task), units[1 + d] || ' · ' || org,
       'leder-' || (i % 97), stage,
       $anchor - (60 + floor(synth_u($seed, i, 'start') * 1000))::INTEGER,
       CASE WHEN stage = 'idea' AND synth_u($seed, i, 'noreview') < 0.3 THEN NULL
            ELSE $anchor + (floor(synth_u($seed, i, 'review') * 360) - 150)::INTEGER END,
       budget, round(budget * (0.15 + 1.25 * synth_u($seed, i, 'spent')), -3),
       ['automation', 'data_support', 'technology_use', 'organisational_coherence'][
           1 + (hash($seed, i, 'focus') % 4)::INTEGER],
       technology, task,
       'Hvis ' || lower(task) || ' understøttes af ' || lower(tech_label)
           || ', så frigøres tid til kerneopgaven.',
       -- a scaled initiative is planned for k of the five other departments of its
       -- organisation: a window of k after an offset r, so never its own
       CASE WHEN stage IN ('scaling', 'operation')
            THEN list_transform(range(r + 1, r + k + 1),
                                lambda j: units[1 + (d + j) % 6] || ' · ' || org)
            ELSE [] END
FROM (
    SELECT *, (hash($seed, i, 'planned') % 4)::INTEGER + 1 AS k,
           (hash($seed, i, 'window') % 2)::INTEGER AS r
    FROM (
    SELECT i, printf('SYN-%06d', i + 1) AS id, ((i // $orgs) % 6)::INTEGER AS d,
           ['Social og Sundhed', 'Børn og Unge', 'Beskæftigelse', 'Teknik og Miljø',
            'Kultur og Fritid', 'Borgerservice'] AS units,
           CASE WHEN i % $orgs < 98 THEN printf('Kommune %03d', i % $orgs + 1)
                ELSE ['Region Hovedstaden', 'Region Sjælland', 'Region Syddanmark',
                      'Region Midtjylland', 'Region Nordjylland'][i % $orgs - 97] END AS org,
           CASE WHEN s < 0.08 THEN 'idea' WHEN s < 0.55 THEN 'experiment'
                WHEN s < 0.72 THEN 'scaling' WHEN s < 0.90 THEN 'operation'
                ELSE 'closed' END AS stage,
           round(100000 + pow(synth_u($seed, i, 'budget'), 2) * 9900000, -3) AS budget,
           tech[1] AS technology, tech[2] AS tech_label,
           ['Hjemmepleje', 'Sagsbehandling', 'Borgerservice', 'Rehabilitering', 'Skole',
            'Jobcenter', 'Psykiatri', 'Genoptræning'][1 + (hash($seed, i, 'task') % 8)::INTEGER]
               AS task
    FROM (SELECT i, synth_u($seed, i, 'stage') AS s,
                 [['rpa', 'Softwarerobot'], ['ai_ml', 'Maskinlæring'], ['chatbot', 'Chatbot'],
                  ['video_consultation', 'Videokonsultation'], ['sensors_iot', 'Sensorer'],
                  ['vr', 'VR'], ['self_service', 'Selvbetjening'],
                  ['welfare_technology', 'Velfærdsteknologi'],
                  ['data_platform', 'Dataplatform'], ['other', 'Ny løsning']][
                     1 + (hash($seed, i, 'tech') % 10)::INTEGER] AS tech
          FROM range($initiatives) t(i)))
)
"""

# Position p of a KPI within its initiative picks its template: name, unit, direction, kind.
_KPIS = """
INSERT INTO kpis (initiative_id, name, unit, direction, baseline, target, kind, weight, cashable)
SELECT id, spec[1], spec[2], spec[3], baseline,
       round(CASE spec[4] WHEN 'guardrail' THEN baseline
                          WHEN 'adoption' THEN baseline * 2
                          ELSE CASE spec[3] WHEN 'higher' THEN baseline * (1.2 + 0.6 * t)
                                            ELSE baseline * (0.4 + 0.4 * t) END END, 1),
       spec[4], CASE WHEN p = 0 THEN 2.0 ELSE 1.0 END, p = 4
FROM (
    SELECT id, p, round(10 + 90 * synth_u($seed, id, p), 1) AS baseline,
           synth_u($seed, id, p + 100) AS t,
           [['digital andel', '%', 'higher', 'benefit'],
            ['sagsbehandlingstid', 'dage', 'lower', 'benefit'],
            ['klager', 'pr. måned', 'lower', 'guardrail'],
            ['aktive brugere', 'brugere', 'higher', 'adoption'],
            ['sparede timer', 'timer/uge', 'higher', 'benefit'],
            ['borgertilfredshed', 'point', 'higher', 'guardrail'],
            ['henvendelser ved skranken', 'pr. uge', 'lower', 'guardrail']][p + 1] AS spec
    FROM (SELECT id, unnest(range(3 + (hash($seed, id, 'nkpi') % 5)::INTEGER)) AS p
          FROM initiatives WHERE id LIKE 'SYN-%')
)
"""

# Each KPI gets a share of the measurements in proportion to a random weight (some get
# none), spaced weekly to monthly back from a newest date that is sometimes stale.
_MEASUREMENTS = """
INSERT INTO measurements (kpi_id, measured_on, value, provenance, recorded_by)
WITH shares AS (
    SELECT id, kind, direction, baseline, target,
           CASE WHEN synth_u($seed, id, 'none') < 0.04 THEN 0
                ELSE floor(1e6 * pow(0.3 + synth_u($seed, id, 'share'), 2)) END::HUGEINT AS w
    FROM kpis WHERE initiative_id LIKE 'SYN-%'
), cumulative AS (
    SELECT *, sum(w) OVER (ORDER BY id) AS upto, sum(w) OVER () AS total FROM shares
), counts AS (
    -- integer shares: they add up to exactly $measurements
    SELECT *, ($measurements * upto // total - $measurements * (upto - w) // total)::BIGINT AS n,
           [7, 14, 30][1 + (hash($seed, id, 'every') % 3)::INTEGER] AS every,
           CASE WHEN synth_u($seed, id, 'stale') < 0.08
                THEN 100 + floor(300 * synth_u($seed, id, 'age'))
                ELSE floor(20 * synth_u($seed, id, 'age')) END::INTEGER AS newest_age,
           -0.2 + 1.4 * synth_u($seed, id, 'progress') AS progress,
           -0.05 + 0.25 * synth_u($seed, id, 'drift') AS drift,
           synth_u($seed, id, 'source') AS s
    FROM cumulative
), series AS (
    SELECT *, unnest(range(n)) AS j FROM counts WHERE n > 0
)
SELECT id, $anchor - (newest_age + j * every)::INTEGER,
       round(CASE kind
           WHEN 'guardrail' THEN baseline * (1 + CASE direction WHEN 'lower' THEN 1 ELSE -1 END
                                                 * drift * (1 - j / n))
           ELSE baseline + (target - baseline) * progress * (1 - j / n) END
           + (synth_u($seed, id, j) - 0.5) * 0.06 * (abs(baseline) + abs(target - baseline)),
           2),
       CASE WHEN s < 0.07 THEN 'self_reported' WHEN s < 0.27 THEN 'manual'
            ELSE 'system_export' END,
       'synth'
FROM series
ORDER BY id, j DESC
"""

# The steering history the service would have written: each decision set the initiative's
# review date 2-6 months ahead; closed ones were closed or parked ("not now", revisited on
# the review date) with a reason code; a SCALE spread to the planned departments.
_DECISIONS = """
INSERT INTO decisions (initiative_id, kind, decided_by, decided_on, rationale, next_review_on,
                       reason_code, spread_to)
SELECT id, kind, 'synth', decided_on,
       CASE kind WHEN 'SCALE' THEN 'Effekten holdt; udbredes til ' || len(planned_departments)
                                   || ' afdeling(er) mere.'
                 WHEN 'CONTINUE' THEN 'Lovende, men for få målinger endnu; forsøget fortsætter.'
                 ELSE (SELECT rationale FROM synth_reasons r WHERE r.code = reason_code) END,
       CASE WHEN kind = 'CLOSE' THEN NULL ELSE review_on END, reason_code,
       CASE WHEN kind = 'SCALE' THEN planned_departments ELSE [] END
FROM (
    SELECT *, CASE WHEN kind = 'PARK' THEN 'not_now' WHEN kind = 'CLOSE' THEN
                  ['no_effect', 'no_effect', 'guardrail', 'budget', 'superseded', 'other'][
                      1 + (hash($seed, id, 'reason') % 6)::INTEGER] END AS reason_code
    FROM (
        SELECT id, stage, review_on, planned_departments,
               CASE stage WHEN 'closed' THEN CASE WHEN synth_u($seed, id, 'park') < 0.25
                                                  THEN 'PARK' ELSE 'CLOSE' END
                          WHEN 'experiment' THEN 'CONTINUE' ELSE 'SCALE' END AS kind,
               CASE WHEN review_on - 60 - floor(120 * synth_u($seed, id, 'decided'))::INTEGER
                         < $anchor
                    THEN review_on - 60 - floor(120 * synth_u($seed, id, 'decided'))::INTEGER
                    ELSE $anchor - 1 - floor(60 * synth_u($seed, id, 'recent'))::INTEGER
               END AS decided_on
        FROM initiatives
        WHERE id LIKE 'SYN-%' AND review_on IS NOT NULL AND stage <> 'idea'
          AND (stage <> 'experiment' OR synth_u($seed, id, 'decision') < 0.3)
    )
)
ORDER BY id
"""

# About half the planned departments have adopted, after the SCALE decision, by the anchor.
_ADOPTIONS = """
INSERT INTO adoptions (initiative_id, department, adopted_on, note, recorded_by)
SELECT initiative_id, department,
       decided_on + 1 + floor(synth_u($seed, initiative_id || department, 'adopted')
                              * ($anchor - decided_on))::INTEGER,
       'Taget i brug efter skaleringsbeslutningen.', 'synth'
FROM (SELECT initiative_id, decided_on, unnest(spread_to) AS department
      FROM decisions WHERE initiative_id LIKE 'SYN-%' AND kind = 'SCALE')
WHERE synth_u($seed, initiative_id || department, 'adopt') < 0.5
ORDER BY initiative_id, department
"""

# A lesson with every close/park (written with the decision, as the service demands) and
# on about one in ten other initiatives at any time since the start, by the owner.
_LESSONS = """
INSERT INTO lessons (initiative_id, text, author, created_on, tags)
WITH written AS (
    SELECT d.initiative_id AS id, d.reason_code AS code, d.decided_by AS author,
           d.decided_on AS created_on
    FROM decisions d WHERE d.initiative_id LIKE 'SYN-%' AND d.kind IN ('CLOSE', 'PARK')
    UNION ALL
    SELECT id, 'lesson-' || (hash($seed, id, 'finding') % 8), owner,
           started_on + floor(synth_u($seed, id, 'learnt') * ($anchor - started_on))::INTEGER
    FROM initiatives
    WHERE id LIKE 'SYN-%' AND stage <> 'closed' AND synth_u($seed, id, 'lesson') < 0.1
)
SELECT w.id, i.title || ': ' || r.finding || ' ' || [
           'Næste gang: mål baseline før start.',
           'Next time: agree the success criteria with the steering group first.',
           'Del erfaringen med nabokommunen.',
           'Involver medarbejderne fra dag ét.'][1 + (hash($seed, w.id, 'advice') % 4)::INTEGER],
       w.author, w.created_on,
       [lower(split_part(i.title, ' i ', 1)), r.tag]
FROM written w JOIN initiatives i ON i.id = w.id JOIN synth_reasons r ON r.code = w.code
ORDER BY w.id
"""

# What went wrong (a reason code) or what was learnt on the way (lesson-N), in the words a
# project leader would write: Danish and English, so the search finds some.
_REASONS = """
CREATE OR REPLACE TEMP TABLE synth_reasons AS SELECT * FROM (VALUES
    ('no_effect', 'Ingen målbar effekt på kerneopgaven efter forsøgsperioden.',
     'Borgerne foretrak telefonen, så den digitale andel steg ikke.', 'effekt'),
    ('guardrail', 'Værnet blev overskredet: flere klager og lavere borgertilfredshed.',
     'Klagerne steg, da medarbejderne ikke havde tid til oplæring.', 'værn'),
    ('budget', 'Budgettet blev overskredet uden tilsvarende gevinst.',
     'The integration with the case system cost twice the quote.', 'budget'),
    ('superseded', 'Erstattet af en fælleskommunal løsning.',
     'En fælleskommunal løsning gjorde det samme billigere.', 'erstattet'),
    ('other', 'Leverandøren lukkede produktet.',
     'The vendor discontinued the product halfway through the pilot.', 'leverandør'),
    ('not_now', 'Ikke nu: parkeret til organisationen er klar.',
     'Ikke nu: dataplatformen skal være på plads først.', 'timing'),
    ('lesson-0', '', 'Staff needed training before go-live.', 'implementering'),
    ('lesson-1', '', 'Start med en lille gruppe borgere og mål hver uge.', 'borgere'),
    ('lesson-2', '', 'Data quality was the bottleneck, not the technology.', 'data'),
    ('lesson-3', '', 'Robotten kræver en fast driftsansvarlig.', 'drift'),
    ('lesson-4', '', 'GDPR-vurderingen tog længere tid end forventet.', 'jura'),
    ('lesson-5', '', 'Borgerne tog godt imod løsningen, når de fik hjælp første gang.',
     'borgere'),
    ('lesson-6', '', 'Measure the baseline before you start.', 'effekt'),
    ('lesson-7', '', 'Hjemmeplejen sparede kørsel, men kun på faste ruter.', 'drift')
) t(code, rationale, finding, tag)
"""


@dataclass(frozen=True)
class SynthCounts:
    departments: int
    initiatives: int
    kpis: int
    measurements: int
    decisions: int
    adoptions: int
    lessons: int


@dataclass
class Synthetic:
    con: duckdb.DuckDBPyConnection

    def generate(
        self, *, initiatives: int, measurements: int, seed: int, anchor: date,
        organisations: int | None = None,
    ) -> SynthCounts:
        """Write the synthetic portfolio; ids are SYN-000001 … (the caller checks emptiness).
        Without `organisations`, one per 500 initiatives (at most MAX_ORGANISATIONS)."""
        organisations = organisations or max(1, min(MAX_ORGANISATIONS, -(-initiatives // 500)))
        params = {"orgs": organisations, "initiatives": initiatives,
                  "measurements": measurements, "seed": seed, "anchor": anchor}
        self.con.execute("SET enable_progress_bar = false")  # no bars in CLI output
        self.con.execute(_MACRO)
        self.con.execute(_REASONS)
        counts = []
        for sql in (_DEPARTMENTS, _INITIATIVES, _KPIS, _MEASUREMENTS, _DECISIONS, _ADOPTIONS,
                    _LESSONS):
            used = {k: v for k, v in params.items() if f"${k}" in sql}
            row = self.con.execute(sql, used).fetchone()
            counts.append(int(row[0]) if row else 0)
        self.con.execute(_ORGANISATIONS)
        measurement_stats.refresh(self.con)
        return SynthCounts(*counts)
