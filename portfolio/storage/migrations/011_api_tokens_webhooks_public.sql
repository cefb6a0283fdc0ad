-- Schema version 11: what opens Fail or Scale to other systems and to the public (#19).
--
-- api_tokens: bearer tokens of the REST API. Like sessions (007), only the SHA-256 of a
-- token is stored, so a copy of the database (a backup) holds nothing that calls the API.
-- A token is a service identity with a role and a scope (an organisation and/or
-- departments); revoked tokens are kept (revoked_at set) so the audit trail's names stay
-- explained.
CREATE TABLE api_tokens (
    name          VARCHAR PRIMARY KEY,
    token_sha256  VARCHAR NOT NULL UNIQUE,
    role          VARCHAR NOT NULL,
    organisation  VARCHAR NOT NULL DEFAULT '',
    departments   VARCHAR[] NOT NULL DEFAULT [],
    created_by    VARCHAR NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    revoked_at    TIMESTAMP
);

-- Incoming-webhook URLs of the steering groups (Teams or Slack): escalations, agendas and
-- decisions are posted there as well as mailed. The URL is a credential (whoever has it
-- may post to the channel): only administrators read it, the audit trail keeps its host.
CREATE TABLE webhooks (
    steering_group  VARCHAR PRIMARY KEY,
    url             VARCHAR NOT NULL,
    format          VARCHAR NOT NULL DEFAULT 'slack',
    set_by          VARCHAR NOT NULL,
    set_at          TIMESTAMP NOT NULL
);

-- Initiatives an administrator marked public: shown on the public results page (/public)
-- with their results and lessons; budget lines only when show_budget is set.
CREATE TABLE public_initiatives (
    initiative_id  VARCHAR PRIMARY KEY,
    show_budget    BOOLEAN NOT NULL DEFAULT false,
    marked_by      VARCHAR NOT NULL,
    marked_at      TIMESTAMP NOT NULL
);
