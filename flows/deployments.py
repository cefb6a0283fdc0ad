"""The scheduled deployments, served by one long-running process (`failscale serve`).

Cron expressions and their time zone come from settings (FAILSCALE_*_CRON,
FAILSCALE_TIMEZONE); docs/operations.md shows how to run the same flows on work pools.
"""

from __future__ import annotations

from prefect import serve
from prefect.deployments.runner import RunnerDeployment
from prefect.schedules import Cron

from flows.backup import backup_database
from flows.evaluate import evaluate_portfolio
from flows.ingest import ingest_inbox
from flows.maintenance import maintain_store
from flows.reminders import send_reminders
from flows.reports import portfolio_report
from portfolio.locations import is_lake
from portfolio.settings import Settings

TAGS = ["fail-or-scale"]


def deployments(settings: Settings) -> list[RunnerDeployment]:
    db_path = settings.db_shown  # a parameter never holds a password
    return [
        evaluate_portfolio.to_deployment(
            name="evaluate-portfolio",
            schedule=Cron(settings.evaluate_cron, timezone=settings.timezone),
            parameters={"db_path": db_path},
            description="Evaluate every active initiative, store explained recommendations, "
            "build the agenda and escalate overdue reviews.",
            tags=TAGS,
        ),
        ingest_inbox.to_deployment(
            name="ingest-inbox",
            schedule=Cron(settings.ingest_cron, timezone=settings.timezone),
            parameters={"db_path": db_path, "inbox_dir": str(settings.inbox_dir.resolve())},
            description="Import the CSV/XLSX files dropped in the inbox.",
            tags=TAGS,
            concurrency_limit=1,  # two runs must not share the staging folder
        ),
        send_reminders.to_deployment(
            name="send-reminders",
            schedule=Cron(settings.reminders_cron, timezone=settings.timezone),
            parameters={"db_path": db_path},
            description="E-mail owners their follow-ups and steering groups their agendas.",
            tags=TAGS,
        ),
        portfolio_report.to_deployment(
            name="portfolio-report",
            schedule=Cron(settings.portfolio_report_cron, timezone=settings.timezone),
            parameters={"db_path": db_path, "reports_dir": str(settings.reports_dir.resolve())},
            description="Write the monthly portfolio report (PDF) to the reports folder.",
            tags=TAGS,
        ),
        *_backups(settings, db_path),
        maintain_store.to_deployment(
            name="maintain-store",
            schedule=Cron(settings.maintain_cron, timezone=settings.timezone),
            parameters={"db_path": db_path, "keep_days": settings.maintain_keep_days},
            description="Tidy the store: merge the shared store's small files and delete "
            "what no recent snapshot uses.",
            tags=TAGS,
            concurrency_limit=1,
        ),
    ]


def _backups(settings: Settings, db_path: str) -> list[RunnerDeployment]:
    """backup-database, on the file only: the shared store is backed up with `pg_dump`
    and a copy of its data path (docs/scale-out.md), and the flow would refuse every run."""
    if is_lake(db_path):
        return []
    return [backup_database.to_deployment(
        name="backup-database",
        schedule=Cron(settings.backup_cron, timezone=settings.timezone),
        parameters={"db_path": db_path, "backups_dir": str(settings.backups_dir.resolve()),
                    "keep": settings.backup_keep},
        description="Back the database up while it runs; keep the newest copies.",
        tags=TAGS,
        concurrency_limit=1,  # two copies at once would only slow writers down
    )]


def serve_all(settings: Settings) -> None:
    serve(*deployments(settings), print_starting_message=True)
