-- Schema version 8: a measurement's `source` is free text again, as PRODUCT.md promises
-- (the source system or who reported it: "KMD Nexus", "Sundhedsplatformen"), and its
-- provenance (system_export, manual, self_reported), which the evidence rules read, is a
-- column of its own (issue #13). Until now `source` held only the provenance words, so
-- each existing row's word moves to `provenance` and its source text becomes empty: every
-- KPI is judged as before. The table is restated (as in 006) because DuckDB cannot add a
-- NOT NULL column to a table with an index; the key is built again after the migration.

CREATE TABLE measurements_v8 (
    kpi_id          INTEGER NOT NULL,
    measured_on     DATE NOT NULL,
    value           DOUBLE NOT NULL,
    source          VARCHAR NOT NULL DEFAULT '',
    provenance      VARCHAR NOT NULL DEFAULT 'manual',
    recorded_by     VARCHAR NOT NULL DEFAULT '',
    recorded_at     TIMESTAMP NOT NULL DEFAULT current_timestamp
);

INSERT INTO measurements_v8
SELECT kpi_id, measured_on, value, '',
       CASE WHEN source IN ('system_export', 'manual', 'self_reported') THEN source
            ELSE 'manual' END,
       recorded_by, recorded_at
FROM measurements ORDER BY kpi_id, measured_on;

DROP TABLE measurements;

ALTER TABLE measurements_v8 RENAME TO measurements;

CREATE UNIQUE INDEX measurements_key ON measurements (kpi_id, measured_on);
