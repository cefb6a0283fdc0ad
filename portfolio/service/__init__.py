"""Use cases: what a user can do, with authorisation and audit. No SQL, no UI."""
