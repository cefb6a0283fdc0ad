-- Schema version 7: dashboard sessions of local accounts, so that reloading the page or
-- opening a second tab does not sign a user out. The browser keeps a random token in a
-- cookie; only its SHA-256 is stored here, so a copy of the database (a backup) holds
-- nothing that signs anyone in. A session ends when the user signs out, after the idle
-- time or the longest lifetime (settings), and when an administrator disables the
-- account or resets its password.

CREATE TABLE sessions (
    token_sha256  VARCHAR PRIMARY KEY,
    username      VARCHAR NOT NULL,
    started_at    TIMESTAMP NOT NULL,
    last_seen     TIMESTAMP NOT NULL
);
