"""All configuration in one typed object, read from FAILSCALE_* environment variables.

Built at the edge (CLI, dashboard, flows) and passed down; nothing reads the
environment at import time.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from portfolio.locations import is_lake, without_password


class Settings(BaseSettings):
    # Frozen: load_settings hands one instance to every caller of a process.
    model_config = SettingsConfigDict(env_prefix="FAILSCALE_", extra="ignore", frozen=True)

    db: Path = Field(
        default=Path("data/portfolio.duckdb"),
        description="DuckDB file, or ducklake:postgres:<libpq string> for the shared store",
    )
    lake_data_path: str | None = Field(
        default=None,
        description="Where the shared store (DuckLake) keeps its data files: a directory",
    )
    data_dir: Path = Field(default=Path("data"), description="Inbox, outbox, reports, backups")
    organisation: str = Field(default="Demo Kommune", description="Name on reports and mails")
    lock_timeout_seconds: float = Field(
        default=15.0, gt=0, description="How long a writer retries a locked database"
    )
    prefect_api_url: str = Field(
        default="http://127.0.0.1:4200/api", description="Prefect server the CLI and flows use"
    )
    dashboard_url: str = Field(
        default="http://localhost:8501", description="Base URL used in links in e-mails"
    )
    dashboard_port: int = Field(default=8501, description="Port of the dashboard (make up)")
    prefect_port: int = Field(default=4200, description="Port of the Prefect server (make up)")
    timezone: str = Field(default="Europe/Copenhagen", description="Time zone of schedules")
    language: str = Field(
        default="da", description="Default language of pages, e-mails and reports: da or en")
    board_table_rows: int = Field(
        default=500, ge=1,
        description="Most rows the board's table shows (the most urgent); exports hold all",
    )
    steering_agenda_rows: int = Field(
        default=500, ge=1,
        description="Most items the steering page lists (overdue first); a group shows its own",
    )
    packs_per_zip: int = Field(
        default=20, ge=1,
        description="Most steering groups whose packs the steering page zips in one download: "
                    "Streamlit's browser side gives a prepared download 180 s, and a national "
                    "pack takes 3-6 s to lay out",
    )
    pack_detail_pages: int = Field(
        default=15, ge=1,
        description="Most initiatives a meeting pack details (overdue first): what one meeting "
                    "can discuss; the rest are on the steering page",
    )
    pack_agenda_rows: int = Field(
        default=100, ge=1,
        description="Most items the meeting pack's agenda table lists (overdue first); it says "
                    "how many more are on the steering page",
    )
    picker_options: int = Field(
        default=50, ge=1,
        description="Most initiatives a page's picker offers at once; a search narrows them",
    )
    lesson_cards: int = Field(
        default=50, ge=1,
        description="Most lessons the lessons page shows (the newest); the export holds all",
    )
    lessons_table_rows: int = Field(
        default=500, ge=1,
        description="Most rows the lessons page's shelf and spread tables show; exports hold all",
    )
    import_max_file_mb: float = Field(
        default=256, gt=0, description="Largest import file (CSV or XLSX) read, in MB")
    import_max_uncompressed_mb: float = Field(
        default=256, gt=0,
        description="Largest an .xlsx may expand to, in MB: refused before it is unpacked")
    import_max_rows: int = Field(
        default=1_048_576, ge=1, description="Most rows an import file may hold (Excel's own)")
    import_max_columns: int = Field(
        default=1_000, ge=1, description="Most columns an import workbook may use")
    import_max_field_bytes: int = Field(
        default=131_072, ge=1, description="Longest CSV field, in bytes (Python csv's limit)")
    evaluate_cron: str = Field(
        default="0 6 * * *", description="When evaluate-portfolio runs (cron, in `timezone`)"
    )
    ingest_cron: str = Field(
        default="*/15 * * * *", description="When ingest-inbox runs (cron, in `timezone`)"
    )
    reminders_cron: str = Field(
        default="0 7 * * 1", description="When send-reminders runs (cron, in `timezone`)"
    )
    backup_cron: str = Field(
        default="30 2 * * *", description="When backup-database runs (cron, in `timezone`)"
    )
    backup_keep: int = Field(
        default=14, ge=1, description="How many scheduled backups are kept; older ones go"
    )
    maintain_cron: str = Field(
        default="0 4 * * *", description="When maintain-store tidies the store (cron)"
    )
    maintain_keep_days: int = Field(
        default=7, ge=0,
        description="Days of snapshots and unused files the shared store keeps for long reads "
        "and backups (`failscale maintain`)",
    )
    backups: Path | None = Field(
        default=None, description="Folder for backups (default `data_dir`/backups)"
    )
    inbox: Path | None = Field(
        default=None, description="Folder the inbox flow watches (default `data_dir`/inbox)"
    )
    outbox: Path | None = Field(
        default=None, description="Folder for .eml files and failed sends (default data_dir/outbox)"
    )
    inbox_settle_seconds: float = Field(
        default=10.0, ge=0,
        description="A dropped file is picked up only after it has not changed for this long",
    )
    smtp_host: str = Field(
        default="", description="SMTP server; empty: e-mails are written to the outbox as .eml"
    )
    smtp_port: int = Field(default=587, description="SMTP port")
    smtp_starttls: bool = Field(default=True, description="Upgrade the SMTP connection (STARTTLS)")
    smtp_username: str = Field(default="", description="SMTP user name; empty: no login")
    smtp_password: SecretStr = Field(default=SecretStr(""), description="SMTP password")
    mail_from: str = Field(
        default="fail-or-scale@localhost", description="Sender address of reminders and agendas"
    )
    smtp_attempts: int = Field(
        default=3, ge=1, description="Attempts per e-mail before it is kept in outbox/failed"
    )
    smtp_retry_seconds: float = Field(
        default=2.0, ge=0, description="Pause between two attempts to send one e-mail"
    )
    mail_items: int = Field(
        default=50, ge=1,
        description="Most initiatives one e-mail lists, the most urgent first; a longer "
                    "agenda is counted and linked to the page that lists it all",
    )
    stale_after_days: int = Field(
        default=60, ge=1,
        description="An owner is reminded when a KPI's newest measurement is older than this",
    )
    report_table_rows: int = Field(
        default=200, ge=1,
        description="Most rows each long table of the portfolio report lists (most recent first)",
    )
    portfolio_report_cron: str = Field(
        default="0 5 1 * *",
        description="When portfolio-report writes the monthly PDF to `data_dir`/reports (cron)",
    )
    auth_mode: Literal["local", "oidc", "none"] = Field(
        default="local",
        description="Dashboard sign-in: local accounts, OpenID Connect (st.login), or none "
        "(tests and single-user trials only: everyone is the local operator)",
    )
    session_idle_minutes: int = Field(
        default=30, ge=1, description="A dashboard session idle this long is signed out"
    )
    session_max_hours: int = Field(
        default=12, ge=1,
        description="A dashboard session ends this long after sign-in, however busy (a "
        "reload after that asks for the password again)",
    )
    signin_max_failures: int = Field(
        default=5, ge=1, description="Failed sign-ins for one user name before it is locked"
    )
    signin_lockout_minutes: int = Field(
        default=15, ge=1,
        description="Window in which failures count, and how long a locked name waits",
    )
    password_min_length: int = Field(
        default=12, ge=8, description="Shortest password a user may choose"
    )
    oidc_provider: str = Field(
        default="", description="Provider section of [auth] in secrets.toml; empty: [auth]"
    )
    oidc_role_claim: str = Field(
        default="roles", description="Claim whose values give the role (e.g. roles, groups)"
    )
    oidc_role_map: dict[str, str] = Field(
        default_factory=dict,
        description="Claim value to role, as JSON, e.g. {\"FailScale.Admin\": \"admin\"}; "
        "role names (viewer, leader, ...) always map to themselves",
    )
    oidc_department_claim: str = Field(
        default="department",
        description="Claim naming the user's departments (or, for steering members, groups)",
    )
    oidc_organisation_claim: str = Field(
        default="organisation",
        description="Claim naming the user's organisation; absent: none (an administrator "
        "without one administers every organisation)",
    )
    oidc_default_role: str = Field(
        default="", description="Role of a signed-in user whose claims map to none; empty: refused"
    )

    api_port: int = Field(default=8502, description="Port of the REST API and /public")
    api_rate_limit: int = Field(
        default=120, description="Requests per minute one API token may make (429 beyond)"
    )
    webhook_attempts: int = Field(
        default=3, description="Tries per webhook post before it is kept for the next delivery"
    )
    webhook_retry_seconds: float = Field(
        default=2.0, description="Seconds between webhook tries (doubling each time)"
    )

    @property
    def db_location(self) -> str:
        """The store as other processes must name it: a file as an absolute path (they may
        run elsewhere), the shared store's `ducklake:postgres:…` string as it is."""
        text = str(self.db)
        return text if is_lake(text) else str(self.db.resolve())

    @property
    def db_shown(self) -> str:
        """The store as it may be shown or kept where others read it (a terminal, a flow
        run's parameter in Prefect's UI and database): `db_location` without the shared
        store's password; the process that opens it adds its own back (#17)."""
        return without_password(self.db_location)

    @property
    def inbox_dir(self) -> Path:
        return self.inbox or self.data_dir / "inbox"

    @property
    def outbox_dir(self) -> Path:
        return self.outbox or self.data_dir / "outbox"

    @property
    def backups_dir(self) -> Path:
        return self.backups or self.data_dir / "backups"

    @property
    def reports_dir(self) -> Path:
        return self.data_dir / "reports"


_last: tuple[tuple[tuple[str, str], ...], Settings] | None = None


def load_settings() -> Settings:
    """The settings the FAILSCALE_* environment gives now.

    Read again only when that environment changed: a dashboard page run asks ~30 times,
    and building them costs ~1.3 ms each (13 % of the Streamlit server's CPU, #15); a
    test or a command that changes a variable gets new settings at its next call.
    """
    global _last
    key = tuple(sorted((k, v) for k, v in os.environ.items()
                       if k.upper().startswith("FAILSCALE_")))
    last = _last
    if last is not None and last[0] == key:
        return last[1]
    found = Settings()
    _last = (key, found)
    return found
