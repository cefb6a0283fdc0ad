"""The PortfolioError family: everything a user may be told, in one small tree.

The CLI and the dashboard turn these into friendly messages in one place each;
anything that is not a PortfolioError is a bug and is not swallowed.
"""

from __future__ import annotations

from collections.abc import Mapping

from portfolio.error_messages import render_error


class PortfolioError(Exception):
    """Base of every error a user can act on. The message says what to do.

    Raised with a `code` of portfolio/error_texts.py and its `params`, the message is
    rendered from that catalogue entry: `str(exc)` in English (CLI, logs), `in_language`
    in the reader's language (the dashboard).
    """

    def __init__(
        self, message: str | None = None, *, code: str | None = None,
        params: Mapping[str, object] | None = None,
    ) -> None:
        self.code = code
        self.params = dict(params or {})
        if message is None and code is not None:
            message = render_error(code, self.params)
        super().__init__(*(() if message is None else (message,)))

    def in_language(self, lang: str) -> str:
        """The message in `lang`; the English one when it has no catalogue entry."""
        return (render_error(self.code, self.params, lang) if self.code else None) or str(self)


class ValidationFailed(PortfolioError):
    """Input broke a rule; `field` names where, the message names the fix."""

    def __init__(
        self, message: str | None = None, *, field: str | None = None,
        code: str | None = None, params: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(message, code=code, params=params)
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
        super().__init__(message, code=None if message else "database.busy")


class StoreUnavailable(DatabaseBusy):
    """The shared store cannot be reached: its catalog (PostgreSQL) does not answer, being
    down, restarting or out of reach, or refuses the connection (a wrong database, user or
    password in FAILSCALE_DB), or its data path (a shared mount) cannot be read.
    Passing, as a busy database is (a held DuckLake instance reconnects by itself once
    PostgreSQL is back), so it is told and answered as one: try again (#17)."""

    def __init__(self, where: str, *, data_file: str | None = None,
                 refused: str | None = None) -> None:
        if data_file is not None:
            PortfolioError.__init__(self, code="store.data_unavailable",
                                    params={"where": where, "file": data_file})
        elif refused is not None:  # PostgreSQL's reason (no password is in it)
            PortfolioError.__init__(self, code="store.refused",
                                    params={"where": where, "reason": refused})
        else:
            PortfolioError.__init__(self, code="store.unavailable", params={"where": where})


class StoreMisconfigured(PortfolioError):
    """The store the settings name cannot be used as set: the operator's to mend, not the
    user's (the API answers 500)."""


class LakeDataPathMissing(StoreMisconfigured):
    """A shared store made for the first time needs FAILSCALE_LAKE_DATA_PATH: where its
    data files go (its catalog remembers it after that)."""

    def __init__(self) -> None:
        super().__init__(code="store.data_path_missing")


class NotADatabase(StoreMisconfigured):
    """FAILSCALE_DB names a folder, or a file that is not a DuckDB database (a spreadsheet
    given by mistake, an empty or cut-off copy). DuckDB would open another kind of file as
    an empty database in memory, whose writes are lost at exit; it is refused instead."""

    def __init__(self, path: str) -> None:
        super().__init__(code="store.not_a_database", params={"path": path})


class SchemaTooNew(PortfolioError):
    pass


class BackupRefused(PortfolioError):
    """A backup or restore would overwrite a file (restore: without --force), or the file
    given is no usable backup."""


class PolicyInvalid(PortfolioError):
    pass


class DeliveryFailed(PortfolioError):
    """E-mails could not be sent after every retry; they are kept in the outbox."""
