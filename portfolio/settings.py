"""All configuration in one typed object, read from FAILSCALE_* environment variables.

Built at the edge (CLI, dashboard, flows) and passed down; nothing reads the
environment at import time.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FAILSCALE_", extra="ignore")

    db: Path = Field(default=Path("data/portfolio.duckdb"), description="DuckDB file")
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
    language: str = Field(default="en", description="Default language: en or da")
    evaluate_cron: str = Field(
        default="0 6 * * *", description="When evaluate-portfolio runs (cron, in `timezone`)"
    )

    @property
    def inbox_dir(self) -> Path:
        return self.data_dir / "inbox"

    @property
    def outbox_dir(self) -> Path:
        return self.data_dir / "outbox"

    @property
    def reports_dir(self) -> Path:
        return self.data_dir / "reports"


def load_settings() -> Settings:
    return Settings()
