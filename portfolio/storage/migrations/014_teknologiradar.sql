-- KL's Teknologiradar (#18): the technologies and their rings, replaced as a whole when
-- an administrator imports a new radar; `technology` is the product's technology class
-- the radar technology corresponds to (NULL: none).
CREATE TABLE radar_technologies (
    name            VARCHAR NOT NULL,
    ring            VARCHAR NOT NULL,
    technology      VARCHAR,
    position        INTEGER NOT NULL,
    edition         VARCHAR NOT NULL
);
