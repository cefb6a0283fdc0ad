"""A synthetic national portfolio generated inside DuckDB (`failscale synth`, #7).

Everything is made by SQL from range() and a seeded hash, so 10 M measurements never pass
through Python and the same seed gives the same portfolio (for one DuckDB version).
The shapes follow PRODUCT.md: ~100 organisations with six departments each, every
stage, benefit/guardrail/adoption KPIs in both directions, trends with noise, KPIs
without data, stale and self-reported ones, budget overruns and overdue reviews.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

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

_INITIATIVES = """
INSERT INTO initiatives (id, title, department, owner, stage, started_on, review_on,
                         budget_dkk, spent_dkk, focus_area, technology, core_task, hypothesis)
SELECT id, tech_label || ' i ' || lower(task), department, 'leder-' || (i % 97), stage,
       $anchor - (60 + floor(synth_u($seed, i, 'start') * 1000))::INTEGER,
       CASE WHEN stage = 'idea' AND synth_u($seed, i, 'noreview') < 0.3 THEN NULL
            ELSE $anchor + (floor(synth_u($seed, i, 'review') * 360) - 150)::INTEGER END,
       budget, round(budget * (0.15 + 1.25 * synth_u($seed, i, 'spent')), -3),
       ['automation', 'data_support', 'technology_use', 'organisational_coherence'][
           1 + (hash($seed, i, 'focus') % 4)::INTEGER],
       technology, task,
       'Hvis ' || lower(task) || ' understøttes af ' || lower(tech_label)
           || ', så frigøres tid til kerneopgaven.'
FROM (
    SELECT i, printf('SYN-%06d', i + 1) AS id,
           ['Social og Sundhed', 'Børn og Unge', 'Beskæftigelse', 'Teknik og Miljø',
            'Kultur og Fritid', 'Borgerservice'][1 + ((i // $orgs) % 6)::INTEGER] || ' · '
           || CASE WHEN i % $orgs < 98 THEN printf('Kommune %03d', i % $orgs + 1)
                   ELSE ['Region Hovedstaden', 'Region Sjælland', 'Region Syddanmark',
                         'Region Midtjylland', 'Region Nordjylland'][i % $orgs - 97] END
               AS department,
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
          FROM range($initiatives) t(i))
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
INSERT INTO measurements (kpi_id, measured_on, value, source, recorded_by)
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

_DECISIONS = """
INSERT INTO decisions (initiative_id, kind, decided_by, decided_on, rationale, next_review_on)
SELECT id, CASE stage WHEN 'closed' THEN 'CLOSE' WHEN 'experiment' THEN 'CONTINUE'
                      ELSE 'SCALE' END,
       'synth', least($anchor, review_on - 20 + floor(40 * synth_u($seed, id, 'decided'))::INTEGER),
       'Synthetic decision', review_on
FROM initiatives
WHERE id LIKE 'SYN-%' AND review_on IS NOT NULL AND stage <> 'idea'
  AND (stage <> 'experiment' OR synth_u($seed, id, 'decision') < 0.3)
"""


@dataclass(frozen=True)
class SynthCounts:
    departments: int
    initiatives: int
    kpis: int
    measurements: int
    decisions: int


@dataclass
class Synthetic:
    con: duckdb.DuckDBPyConnection

    def generate(
        self, *, initiatives: int, measurements: int, seed: int, anchor: date
    ) -> SynthCounts:
        """Write the synthetic portfolio; ids are SYN-000001 … (the caller checks emptiness)."""
        organisations = max(1, min(103, -(-initiatives // 500)))
        params = {"orgs": organisations, "initiatives": initiatives,
                  "measurements": measurements, "seed": seed, "anchor": anchor}
        self.con.execute("SET enable_progress_bar = false")  # no bars in CLI output
        self.con.execute(_MACRO)
        counts = []
        for sql in (_DEPARTMENTS, _INITIATIVES, _KPIS, _MEASUREMENTS, _DECISIONS):
            used = {k: v for k, v in params.items() if f"${k}" in sql}
            row = self.con.execute(sql, used).fetchone()
            counts.append(int(row[0]) if row else 0)
        return SynthCounts(*counts)
