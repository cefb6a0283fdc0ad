-- Schema version 12: organisations, departments, steering groups and people as first-class
-- (issue #13), so several municipalities share one instance and a real one can set itself up.
--
-- * organisations: a kommune, region or other public body; whether its lessons are shared.
-- * departments: identity is organisation + name ("Børn og Unge" of two municipalities is
--   two departments). Existing departments go to the organisation FAILSCALE_ORGANISATION
--   names (the `default_organisation` variable migrate() sets), unless they named one.
-- * steering_groups: of one organisation: chair, members (user accounts), the addresses
--   its agenda and escalations go to, meeting dates and/or a cadence. Each distinct
--   steering_group string of the departments becomes one; its members are the accounts
--   that named it, its address the people entry of that name (how mail found it so far).
-- * initiatives and users carry their organisation; an administrator without one is a
--   national administrator (as every administrator was until now).
-- * people: optionally linked to a user account.

CREATE TABLE organisations (
    name            VARCHAR PRIMARY KEY,
    kind            VARCHAR NOT NULL DEFAULT 'kommune',
    cvr             VARCHAR NOT NULL DEFAULT '',
    shares_lessons  BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE departments_v12 (
    organisation    VARCHAR NOT NULL,
    name            VARCHAR NOT NULL,
    steering_group  VARCHAR NOT NULL DEFAULT '',
    PRIMARY KEY (organisation, name)
);

INSERT INTO departments_v12
SELECT coalesce(nullif(trim(organisation), ''), getvariable('default_organisation')), name,
       steering_group
FROM departments;

-- A department an initiative names but no row held (possible before: imports created rows,
-- older code did not always) becomes a department too, without a steering group.
INSERT INTO departments_v12 (organisation, name)
SELECT DISTINCT getvariable('default_organisation'), i.department
FROM initiatives i
WHERE i.department NOT IN (SELECT name FROM departments_v12);

DROP TABLE departments;
ALTER TABLE departments_v12 RENAME TO departments;

INSERT INTO organisations (name)
SELECT DISTINCT organisation FROM departments;

ALTER TABLE initiatives ADD COLUMN organisation VARCHAR DEFAULT '';
UPDATE initiatives SET organisation = coalesce(
    (SELECT min(d.organisation) FROM departments d WHERE d.name = initiatives.department),
    getvariable('default_organisation'));

ALTER TABLE users ADD COLUMN organisation VARCHAR DEFAULT '';
UPDATE users SET organisation = getvariable('default_organisation') WHERE role <> 'admin';

ALTER TABLE people ADD COLUMN username VARCHAR DEFAULT '';

CREATE TABLE steering_groups (
    organisation    VARCHAR NOT NULL,
    name            VARCHAR NOT NULL,
    chair           VARCHAR NOT NULL DEFAULT '',
    members         VARCHAR[] NOT NULL DEFAULT [],
    emails          VARCHAR[] NOT NULL DEFAULT [],
    meeting_dates   DATE[] NOT NULL DEFAULT [],
    cadence_weeks   INTEGER,
    PRIMARY KEY (organisation, name)
);

INSERT INTO steering_groups (organisation, name, members, emails)
SELECT g.organisation, g.steering_group,
       coalesce((SELECT list(u.username ORDER BY u.username) FROM users u
                 WHERE u.steering_group = g.steering_group), []),
       coalesce((SELECT list(p.email) FROM people p WHERE p.name = g.steering_group), [])
FROM (SELECT DISTINCT organisation, steering_group FROM departments
      WHERE steering_group <> '') g;
