-- Schema version 13: a benefit-realisation plan (gevinstrealiseringsplan) per initiative
-- (issue #18, item 2). A CFO asks how many kroner per year were planned, how many were
-- realised, and in which budget they are booked (hjemtagning); a KPI's cashable flag and
-- its share of the target could not say. One row per initiative, year, kind and benefit:
--
-- * kind 'cashable': kroner (unit 'DKK') taken home from the budget line `budget_line`;
-- * kind 'non_cashable': hours freed, quality, citizen outcomes, in their own `unit`.
--
-- `realised` stays NULL until someone records it (on the initiative page or by import).
-- Independent of 014: it adds one table and touches no other.

CREATE TABLE benefit_plan (
    initiative_id  VARCHAR NOT NULL,
    year           INTEGER NOT NULL,
    kind           VARCHAR NOT NULL,
    benefit        VARCHAR NOT NULL,
    budget_line    VARCHAR NOT NULL DEFAULT '',
    unit           VARCHAR NOT NULL DEFAULT '',
    planned        DOUBLE NOT NULL,
    realised       DOUBLE,
    note           VARCHAR NOT NULL DEFAULT '',
    updated_by     VARCHAR NOT NULL DEFAULT '',
    updated_at     TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (initiative_id, year, kind, benefit)
);
