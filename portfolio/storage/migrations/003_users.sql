-- Schema version 3: who may sign in (#5). A password is stored only as an argon2 hash,
-- in its own column that no model carries, so it cannot reach the audit trail or an
-- export by way of a model dump. Accounts are disabled, never deleted: the audit trail
-- keeps naming them.

CREATE TABLE users (
    username              VARCHAR PRIMARY KEY,
    display_name          VARCHAR NOT NULL DEFAULT '',
    role                  VARCHAR NOT NULL,
    departments           VARCHAR[] NOT NULL DEFAULT [],
    steering_group        VARCHAR NOT NULL DEFAULT '',
    language              VARCHAR NOT NULL DEFAULT 'da',
    active                BOOLEAN NOT NULL DEFAULT true,
    must_change_password  BOOLEAN NOT NULL DEFAULT false,
    password_hash         VARCHAR,
    created_at            TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- Key employees record measurements on the initiatives assigned to them here.
CREATE TABLE initiative_contributors (
    initiative_id  VARCHAR NOT NULL,
    username       VARCHAR NOT NULL,
    PRIMARY KEY (initiative_id, username)
);

-- Sign-in failures are counted from the audit trail (rate limiting): keep that read cheap.
CREATE INDEX audit_action_idx ON audit_events (action, entity_id);
