-- An initiative classed with a technology on KL's Teknologiradar directly (#18, item 7):
-- the stored radar's name of the technology, or NULL (reached through its technology
-- class only, as before). Nullable and without a default, so DuckLake holds it as is.
ALTER TABLE initiatives ADD COLUMN radar_technology VARCHAR;
