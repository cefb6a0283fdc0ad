"""KL's Teknologiradar as data (#18): the technologies and their rings, read from a file
an administrator replaces when KL publishes a new radar. Pure: no database."""
