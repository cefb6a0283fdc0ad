"""The scheduled deployments, served by one long-running process (`failscale serve`)."""

from __future__ import annotations

from prefect import serve
from prefect.deployments.runner import RunnerDeployment
from prefect.schedules import Cron

from flows.evaluate import evaluate_portfolio
from portfolio.settings import Settings


def deployments(settings: Settings) -> list[RunnerDeployment]:
    db_path = str(settings.db.resolve())
    return [
        evaluate_portfolio.to_deployment(
            name="evaluate-portfolio",
            schedule=Cron(settings.evaluate_cron, timezone=settings.timezone),
            parameters={"db_path": db_path},
            description="Evaluate every active initiative and store explained recommendations.",
            tags=["fail-or-scale"],
        ),
    ]


def serve_all(settings: Settings) -> None:
    serve(*deployments(settings), print_starting_message=True)
