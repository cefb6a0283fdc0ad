-- Schema version 19: one value per KPI per date is kept by the one write path of
-- measurements (storage.measurement_columns.upsert_columns: every incoming row is matched
-- to the stored one of its KPI and date and updated, never added twice; a file's own
-- repeats are refused row by row), as the shared store has always kept it: DuckLake has no
-- indexes. Writers take turns (per file, and per process on the file's lock), so the match
-- sees every earlier write. The unique index `measurements_key` (schema 6) checked the rule
-- a second time, row by row, on every insert and again at commit: 0.7-0.9 s of a 3 s
-- national import of 1 M rows (#15). No query used it for reading (a KPI's measurements
-- on a date or an initiative's: 1.9-2.3 ms with it, 1.9-2.0 ms without, 10 M rows).

DROP INDEX IF EXISTS measurements_key;
