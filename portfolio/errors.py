"""The PortfolioError family: everything a user may be told, in one small tree.

The CLI and the dashboard turn these into friendly messages in one place each;
anything that is not a PortfolioError is a bug and is not swallowed.
"""

from __future__ import annotations


class PortfolioError(Exception):
    """Base of every error a user can act on. The message says what to do."""


class ValidationFailed(PortfolioError):
    """Input broke a rule; `field` names where, the message names the fix."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFound(PortfolioError):
    pass


class NotAllowed(PortfolioError):
    """The acting user's role or scope does not allow this."""


class SignInFailed(PortfolioError):
    """Wrong user name or password, a disabled account, or too many failed attempts."""


class FileUnreadable(PortfolioError):
    """An import file could not be read at all (CLI exit code 2)."""


class DatabaseBusy(PortfolioError):
    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or "The database is busy; your change was not saved — try again in a moment."
        )


class SchemaTooNew(PortfolioError):
    pass


class BackupRefused(PortfolioError):
    """A backup or restore would overwrite a file (restore: without --force), or the file
    given is no usable backup."""


class PolicyInvalid(PortfolioError):
    pass


class DeliveryFailed(PortfolioError):
    """E-mails could not be sent after every retry; they are kept in the outbox."""
