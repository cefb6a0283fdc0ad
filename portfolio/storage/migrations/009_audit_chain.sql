-- Schema version 9: an honest and tamper-evident audit trail (#14).
--
-- via: how the actor acted when it was not a signed-in person in the dashboard, e.g.
--   "operator root" (the command line run by the OS user root, acting --as the actor).
-- prev_hash, hash: each event's SHA-256 over its content and the previous event's hash
--   (portfolio/storage/audit_chain.py), so editing or deleting an event breaks the chain
--   at that point (`failscale audit verify`). Events written before this version have
--   none; the chain starts at the first event written after it.
ALTER TABLE audit_events ADD COLUMN via VARCHAR;
ALTER TABLE audit_events ADD COLUMN prev_hash VARCHAR;
ALTER TABLE audit_events ADD COLUMN hash VARCHAR;

-- The old and new values of every measurement an import overwrote, per row: the import's
-- audit event holds their count and a SHA-256 over them (so they are in the chain too).
CREATE TABLE measurement_changes (
    import_id       VARCHAR NOT NULL,
    kpi_id          BIGINT NOT NULL,
    measured_on     DATE NOT NULL,
    old_value       DOUBLE,
    new_value       DOUBLE,
    old_source      VARCHAR,
    new_source      VARCHAR,
    old_provenance  VARCHAR,
    new_provenance  VARCHAR,
    changed_by      VARCHAR NOT NULL,
    changed_at      TIMESTAMP NOT NULL
);
CREATE INDEX measurement_changes_key_idx ON measurement_changes (kpi_id, measured_on);
