-- Schema version 1: the nouns of PRODUCT.md.
-- No foreign-key constraints: DuckDB rewrites updated rows as delete + insert, which
-- referencing keys would refuse; referential integrity is kept by the service layer.

CREATE SEQUENCE kpi_id_seq START 1;
CREATE SEQUENCE decision_id_seq START 1;
CREATE SEQUENCE lesson_id_seq START 1;
CREATE SEQUENCE audit_id_seq START 1;
CREATE SEQUENCE quarantine_id_seq START 1;

CREATE TABLE departments (
    name            VARCHAR PRIMARY KEY,
    organisation    VARCHAR NOT NULL DEFAULT '',
    steering_group  VARCHAR NOT NULL DEFAULT ''
);

CREATE TABLE initiatives (
    id                  VARCHAR PRIMARY KEY,
    title               VARCHAR NOT NULL,
    department          VARCHAR NOT NULL,
    owner               VARCHAR NOT NULL DEFAULT '',
    stage               VARCHAR NOT NULL,
    started_on          DATE,
    review_on           DATE,
    budget_dkk          DOUBLE NOT NULL DEFAULT 0,
    spent_dkk           DOUBLE NOT NULL DEFAULT 0,
    focus_area          VARCHAR,
    technology          VARCHAR,
    core_task           VARCHAR NOT NULL DEFAULT '',
    hypothesis          VARCHAR NOT NULL DEFAULT '',
    tags                VARCHAR[] NOT NULL DEFAULT [],
    planned_departments VARCHAR[] NOT NULL DEFAULT [],
    adopted_departments VARCHAR[] NOT NULL DEFAULT [],
    created_at          TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_at          TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE kpis (
    id              INTEGER PRIMARY KEY DEFAULT nextval('kpi_id_seq'),
    initiative_id   VARCHAR NOT NULL,
    name            VARCHAR NOT NULL,
    unit            VARCHAR NOT NULL DEFAULT '',
    direction       VARCHAR NOT NULL,
    baseline        DOUBLE NOT NULL,
    target          DOUBLE NOT NULL,
    kind            VARCHAR NOT NULL,
    weight          DOUBLE NOT NULL DEFAULT 1,
    cashable        BOOLEAN NOT NULL DEFAULT false,
    UNIQUE (initiative_id, name)
);

CREATE TABLE measurements (
    kpi_id          INTEGER NOT NULL,
    measured_on     DATE NOT NULL,
    value           DOUBLE NOT NULL,
    source          VARCHAR NOT NULL,
    recorded_by     VARCHAR NOT NULL DEFAULT '',
    recorded_at     TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (kpi_id, measured_on)
);

CREATE TABLE evaluation_runs (
    run_id          VARCHAR PRIMARY KEY,
    as_of           DATE NOT NULL,
    policy_name     VARCHAR NOT NULL,
    policy_version  INTEGER NOT NULL,
    started_at      TIMESTAMP NOT NULL,
    finished_at     TIMESTAMP,
    status          VARCHAR NOT NULL,
    evaluated       INTEGER NOT NULL DEFAULT 0,
    error           VARCHAR
);

CREATE TABLE evaluations (
    initiative_id   VARCHAR NOT NULL,
    as_of           DATE NOT NULL,
    policy_name     VARCHAR NOT NULL,
    policy_version  INTEGER NOT NULL,
    run_id          VARCHAR NOT NULL,
    recommendation  VARCHAR NOT NULL,
    light           VARCHAR NOT NULL,
    score           DOUBLE,
    overdue         BOOLEAN NOT NULL DEFAULT false,
    criteria        JSON NOT NULL,
    reasons         JSON NOT NULL,
    kpis            JSON NOT NULL,
    evaluated_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (initiative_id, as_of, policy_name, policy_version)
);

CREATE TABLE decisions (
    id                  INTEGER PRIMARY KEY DEFAULT nextval('decision_id_seq'),
    initiative_id       VARCHAR NOT NULL,
    kind                VARCHAR NOT NULL,
    decided_by          VARCHAR NOT NULL,
    decided_on          DATE NOT NULL,
    rationale           VARCHAR NOT NULL DEFAULT '',
    recommendation      VARCHAR,
    evaluation_run_id   VARCHAR,
    next_review_on      DATE,
    reason_code         VARCHAR,
    spread_to           VARCHAR[] NOT NULL DEFAULT [],
    evidence            JSON NOT NULL DEFAULT '{}',
    recorded_at         TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE lessons (
    id              INTEGER PRIMARY KEY DEFAULT nextval('lesson_id_seq'),
    initiative_id   VARCHAR NOT NULL,
    text            VARCHAR NOT NULL,
    author          VARCHAR NOT NULL DEFAULT '',
    created_on      DATE NOT NULL,
    tags            VARCHAR[] NOT NULL DEFAULT []
);

CREATE TABLE policies (
    name            VARCHAR NOT NULL,
    version         INTEGER NOT NULL,
    document        JSON NOT NULL,
    active          BOOLEAN NOT NULL DEFAULT false,
    created_by      VARCHAR NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (name, version)
);

CREATE TABLE imports (
    id              VARCHAR PRIMARY KEY,
    kind            VARCHAR NOT NULL,
    source_name     VARCHAR NOT NULL,
    content_hash    VARCHAR NOT NULL,
    rows_read       INTEGER NOT NULL,
    accepted        INTEGER NOT NULL,
    rejected        INTEGER NOT NULL,
    added           INTEGER NOT NULL,
    updated         INTEGER NOT NULL,
    actor           VARCHAR NOT NULL,
    imported_at     TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE quarantine (
    id              INTEGER PRIMARY KEY DEFAULT nextval('quarantine_id_seq'),
    import_id       VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL,
    source_name     VARCHAR NOT NULL,
    row_number      INTEGER NOT NULL,
    reason          VARCHAR NOT NULL,
    raw             JSON NOT NULL,
    quarantined_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- Append-only: no code path updates or deletes audit events.
CREATE TABLE audit_events (
    id          BIGINT PRIMARY KEY DEFAULT nextval('audit_id_seq'),
    "at"        TIMESTAMP NOT NULL,
    actor       VARCHAR NOT NULL,
    action      VARCHAR NOT NULL,
    entity      VARCHAR NOT NULL,
    entity_id   VARCHAR NOT NULL,
    before      JSON,
    after       JSON
);
CREATE INDEX audit_entity_idx ON audit_events (entity, entity_id);
