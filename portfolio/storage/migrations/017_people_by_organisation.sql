-- Schema version 17: an address-book entry belongs to an organisation; its identity is
-- organisation + name (#13). Until now `people` was keyed by name alone, so two
-- municipalities' "Anne Jensen" were one entry and one's reminders went to the other's
-- address; steering groups were already organisation + name (schema 12).
--
-- Nothing is lost and no mail changes its way: an existing entry becomes an entry of every
-- organisation where its name is used — an initiative's owner, a steering group's chair
-- or name (the group address of before schema 12), or the account linked to it — and of
-- the default organisation (FAILSCALE_ORGANISATION) when its name is used nowhere.

CREATE TABLE people_v17 (
    organisation    VARCHAR NOT NULL DEFAULT '',
    name            VARCHAR NOT NULL,
    email           VARCHAR NOT NULL,
    language        VARCHAR NOT NULL DEFAULT 'da',
    username        VARCHAR DEFAULT '',
    PRIMARY KEY (organisation, name)
);

INSERT INTO people_v17 (organisation, name, email, language, username)
WITH used AS (
    SELECT DISTINCT owner AS name, organisation FROM initiatives
    WHERE coalesce(organisation, '') <> ''
    UNION
    SELECT DISTINCT chair, organisation FROM steering_groups WHERE chair <> ''
    UNION
    SELECT DISTINCT name, organisation FROM steering_groups
    UNION
    SELECT DISTINCT p.name, u.organisation FROM people p
    JOIN users u ON u.username = p.username
    WHERE coalesce(p.username, '') <> '' AND coalesce(u.organisation, '') <> ''
)
SELECT DISTINCT coalesce(u.organisation, getvariable('default_organisation'), ''),
       p.name, p.email, p.language, coalesce(p.username, '')
FROM people p
LEFT JOIN used u ON u.name = p.name;

DROP TABLE people;
ALTER TABLE people_v17 RENAME TO people;

-- A steering group's chat webhook is the group's, organisation + name (#13): it was keyed
-- by the group's name alone, unique in an instance until now, so each existing webhook
-- goes to the organisation that has a group of its name.
CREATE TABLE webhooks_v17 (
    organisation    VARCHAR NOT NULL DEFAULT '',
    steering_group  VARCHAR NOT NULL,
    url             VARCHAR NOT NULL,
    format          VARCHAR NOT NULL DEFAULT 'slack',
    set_by          VARCHAR NOT NULL,
    set_at          TIMESTAMP NOT NULL,
    PRIMARY KEY (organisation, steering_group)
);

INSERT INTO webhooks_v17 (organisation, steering_group, url, format, set_by, set_at)
SELECT coalesce((SELECT min(g.organisation) FROM steering_groups g
                 WHERE g.name = w.steering_group), ''),
       w.steering_group, w.url, w.format, w.set_by, w.set_at
FROM webhooks w;

DROP TABLE webhooks;
ALTER TABLE webhooks_v17 RENAME TO webhooks;
