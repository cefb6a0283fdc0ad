-- Schema version 2: who gets e-mail. Initiative.owner and Department.steering_group are
-- free-text names; this table maps such a name (a person or a steering group's mailing
-- list) to an address and a language, so reminders and agendas reach a real inbox.

CREATE TABLE people (
    name        VARCHAR PRIMARY KEY,
    email       VARCHAR NOT NULL,
    language    VARCHAR NOT NULL DEFAULT 'da'
);
