-- Schema version 4: a verdict's criteria, reasons and KPI statistics in typed columns
-- instead of three JSON documents per row (#7). Building and storing ~160 MB of JSON per
-- national run was 3-4 s of its 4 s; typed rows are written straight from the run's Arrow
-- frames, and the board sums realised benefit without parsing JSON. The documents are
-- converted here once and then dropped: the typed tables are the one source of truth.

-- The KPI statistics of each verdict (models.KpiStats), in the order the verdict lists them.
CREATE TABLE evaluation_kpis (
    initiative_id   VARCHAR NOT NULL,
    as_of           DATE NOT NULL,
    policy_name     VARCHAR NOT NULL,
    policy_version  INTEGER NOT NULL,
    position        BIGINT NOT NULL,
    name            VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL,
    direction       VARCHAR NOT NULL,
    unit            VARCHAR NOT NULL,
    baseline        DOUBLE NOT NULL,
    target          DOUBLE NOT NULL,
    weight          DOUBLE NOT NULL,
    count           BIGINT NOT NULL,
    latest_value    DOUBLE,
    latest_on       DATE,
    age_days        BIGINT,
    progress        DOUBLE,
    trend_per_30d   DOUBLE,
    sources         VARCHAR[] NOT NULL
);

INSERT INTO evaluation_kpis
SELECT initiative_id, as_of, policy_name, policy_version, position,
       k.name, k.kind, k.direction, k.unit, k.baseline, k.target, k.weight, k.count,
       k.latest_value, k.latest_on, k.age_days, k.progress, k.trend_per_30d,
       coalesce(k.sources, [])
FROM (
    SELECT initiative_id, as_of, policy_name, policy_version,
           generate_subscripts(stats, 1) AS position, unnest(stats) AS k
    FROM (
        SELECT *, from_json(kpis, '[{"name": "VARCHAR", "kind": "VARCHAR",
            "direction": "VARCHAR", "unit": "VARCHAR", "baseline": "DOUBLE",
            "target": "DOUBLE", "weight": "DOUBLE", "count": "BIGINT",
            "latest_value": "DOUBLE", "latest_on": "DATE", "age_days": "BIGINT",
            "progress": "DOUBLE", "trend_per_30d": "DOUBLE", "sources": ["VARCHAR"]}]') AS stats
        FROM evaluations
    )
);

-- Every reason of each verdict: the recommendation's own (criterion 'recommend', position
-- 0), then each criterion's in the criteria's order (position 1-5), `seq` ordering them
-- within it. A reason's params are the columns its code names (review.frames.REASON_PARAMS).
CREATE TABLE evaluation_reasons (
    initiative_id   VARCHAR NOT NULL,
    as_of           DATE NOT NULL,
    policy_name     VARCHAR NOT NULL,
    policy_version  INTEGER NOT NULL,
    criterion       VARCHAR NOT NULL,
    position        BIGINT NOT NULL,
    seq             BIGINT NOT NULL,
    code            VARCHAR NOT NULL,
    kpi             VARCHAR,
    unit            VARCHAR,
    light           VARCHAR,
    review_on       VARCHAR,
    count           BIGINT,
    min             BIGINT,
    age             BIGINT,
    max             BIGINT,
    days            BIGINT,
    latest          DOUBLE,
    baseline        DOUBLE,
    target          DOUBLE,
    change_pct      DOUBLE,
    progress_pct    DOUBLE,
    value_pct       DOUBLE,
    limit_pct       DOUBLE,
    spent_dkk       DOUBLE,
    budget_dkk      DOUBLE,
    overrun_pct     DOUBLE
);

-- The criteria document holds each criterion's reasons; the reasons document holds the
-- recommendation's reason first, then all of those again.
CREATE TABLE evaluation_reasons_v3 AS
WITH criteria AS (
    SELECT initiative_id, as_of, policy_name, policy_version,
           generate_subscripts(c, 1) AS position, unnest(c) AS criterion
    FROM (SELECT *, from_json(criteria, '[{"name": "VARCHAR", "reasons": ["JSON"]}]') AS c
          FROM evaluations)
), of_criteria AS (
    SELECT initiative_id, as_of, policy_name, policy_version, criterion.name AS criterion,
           position, generate_subscripts(criterion.reasons, 1) AS seq,
           unnest(criterion.reasons) AS reason
    FROM criteria
), of_recommendation AS (
    SELECT initiative_id, as_of, policy_name, policy_version, 'recommend' AS criterion,
           0 AS position, seq, reason
    FROM (SELECT initiative_id, as_of, policy_name, policy_version,
                 generate_subscripts(r, 1) AS seq, unnest(r) AS reason,
                 len(r) - len(flatten(list_transform(
                     from_json(criteria, '[{"reasons": ["JSON"]}]'), c -> c.reasons))) AS own
          FROM (SELECT *, from_json(reasons, '["JSON"]') AS r FROM evaluations))
    WHERE seq <= own
)
SELECT * FROM of_recommendation UNION ALL SELECT * FROM of_criteria;

INSERT INTO evaluation_reasons
SELECT initiative_id, as_of, policy_name, policy_version, criterion, position, seq,
       reason->>'$.code',
       reason->>'$.params.kpi', reason->>'$.params.unit', reason->>'$.params.light',
       reason->>'$.params.review_on',
       (reason->'$.params.count')::BIGINT, (reason->'$.params.min')::BIGINT,
       (reason->'$.params.age')::BIGINT, (reason->'$.params.max')::BIGINT,
       (reason->'$.params.days')::BIGINT,
       (reason->'$.params.latest')::DOUBLE, (reason->'$.params.baseline')::DOUBLE,
       (reason->'$.params.target')::DOUBLE, (reason->'$.params.change_pct')::DOUBLE,
       (reason->'$.params.progress_pct')::DOUBLE, (reason->'$.params.value_pct')::DOUBLE,
       (reason->'$.params.limit_pct')::DOUBLE, (reason->'$.params.spent_dkk')::DOUBLE,
       (reason->'$.params.budget_dkk')::DOUBLE, (reason->'$.params.overrun_pct')::DOUBLE
FROM evaluation_reasons_v3;

DROP TABLE evaluation_reasons_v3;

-- The verdicts themselves, each criterion's light, value and passed as three columns.
-- No primary key: deleting a run's 45 k rows from its index cost 1.4-3 s of a national
-- re-run (measured), a scan without it 16 ms. A verdict stays unique per initiative, as-of
-- date and policy version because the one writer (storage/verdict_rows.py) deletes those
-- keys before it inserts, in the same transaction.
CREATE TABLE evaluations_v3 AS
SELECT initiative_id, as_of, policy_name, policy_version, run_id, recommendation, light,
       score, overdue, evaluated_at,
       c['evidence'].light AS evidence_light, c['evidence'].value AS evidence_value,
       c['evidence'].passed AS evidence_passed,
       c['guardrail'].light AS guardrail_light, c['guardrail'].value AS guardrail_value,
       c['guardrail'].passed AS guardrail_passed,
       c['attainment'].light AS attainment_light, c['attainment'].value AS attainment_value,
       c['attainment'].passed AS attainment_passed,
       c['budget'].light AS budget_light, c['budget'].value AS budget_value,
       c['budget'].passed AS budget_passed,
       c['time'].light AS time_light, c['time'].value AS time_value,
       c['time'].passed AS time_passed
FROM (
    SELECT *, map_from_entries(list_transform(
               from_json(criteria, '[{"name": "VARCHAR", "light": "VARCHAR",
                                      "value": "DOUBLE", "passed": "BOOLEAN"}]'),
               x -> struct_pack(k := x.name, v := x))) AS c
    FROM evaluations
);

DROP TABLE evaluations;

CREATE TABLE evaluations (
    initiative_id      VARCHAR NOT NULL,
    as_of              DATE NOT NULL,
    policy_name        VARCHAR NOT NULL,
    policy_version     INTEGER NOT NULL,
    run_id             VARCHAR NOT NULL,
    recommendation     VARCHAR NOT NULL,
    light              VARCHAR NOT NULL,
    score              DOUBLE,
    overdue            BOOLEAN NOT NULL DEFAULT false,
    evaluated_at       TIMESTAMP NOT NULL,
    evidence_light     VARCHAR,
    evidence_value     DOUBLE,
    evidence_passed    BOOLEAN NOT NULL,
    guardrail_light    VARCHAR,
    guardrail_value    DOUBLE,
    guardrail_passed   BOOLEAN NOT NULL,
    attainment_light   VARCHAR,
    attainment_value   DOUBLE,
    attainment_passed  BOOLEAN NOT NULL,
    budget_light       VARCHAR,
    budget_value       DOUBLE,
    budget_passed      BOOLEAN NOT NULL,
    time_light         VARCHAR,
    time_value         DOUBLE,
    time_passed        BOOLEAN NOT NULL
);

INSERT INTO evaluations SELECT * FROM evaluations_v3;

DROP TABLE evaluations_v3;
