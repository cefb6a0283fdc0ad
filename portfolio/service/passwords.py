"""Passwords: argon2id hashes, one-time passwords, and the password policy.

Nothing here stores or logs a password; callers keep the plain text only as long as it
takes to hash it or show it once.
"""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from portfolio.errors import ValidationFailed

_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters
# Verified when a user name is unknown, so a miss costs as long as a wrong password and
# response times do not tell which user names exist.
_DUMMY_HASH = _HASHER.hash(secrets.token_hex(16))
COMMON = frozenset({"password", "adgangskode", "123456789012", "qwertyuiopå", "failorscale",
                    "kodeord12345", "sommer2025!!", "velkommen123"})


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify(password_hash: str | None, password: str) -> bool:
    """True when `password` matches; a missing or broken hash never matches."""
    try:
        return _HASHER.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether a hash was made with weaker parameters than today's: renewed at sign-in."""
    return _HASHER.check_needs_rehash(password_hash)


def one_time_password() -> str:
    """A random password an administrator hands over once; 20 URL-safe characters."""
    return secrets.token_urlsafe(15)


def check_policy(password: str, username: str, min_length: int) -> None:
    """The password policy of docs/security.md; ValidationFailed(field="password") says why."""
    if len(password) < min_length:
        raise ValidationFailed(field="password", code="password.too_short",
                               params={"min_length": min_length})
    if username.lower() in password.lower():
        raise ValidationFailed(field="password", code="password.contains_username")
    if password.lower() in COMMON or len(set(password)) < 4:
        raise ValidationFailed(field="password", code="password.too_easy")
