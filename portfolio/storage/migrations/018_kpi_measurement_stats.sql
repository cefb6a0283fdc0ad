-- Schema version 18: each KPI's measurement statistics, kept at write time (#15), so an
-- evaluation reads one row per KPI instead of aggregating every measurement again. The
-- rows are filled, in this migration's transaction, by storage.measurement_stats (the one
-- place the aggregate is written), and kept by every write of measurements after it.

CREATE TABLE kpi_measurement_stats (
    kpi_id          INTEGER PRIMARY KEY,
    count           BIGINT NOT NULL,
    latest_on       DATE NOT NULL,
    trend_per_30d   DOUBLE,
    sources         INTEGER NOT NULL,
    first_on        DATE NOT NULL,
    latest_value    DOUBLE NOT NULL,
    band_min        DOUBLE NOT NULL,
    band_max        DOUBLE NOT NULL,
    band_points     INTEGER NOT NULL
);
