"""portfolio-report: once a month, the portfolio report as PDF in `data_dir`/reports.

Management and politicians read it on paper; the file is named after the month, so a
re-run in the same month replaces it and earlier months stay as they were printed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.common import database, system_actor
from portfolio.reports import documents
from portfolio.settings import load_settings


@task(name="render-portfolio-report", retries=2, retry_delay_seconds=5, cache_policy=NO_CACHE)
def render_portfolio_report(db_path: str | None, out: str, lang: str) -> str:
    settings = load_settings()
    pdf = documents.portfolio_pdf(database(db_path), system_actor("portfolio-report"), lang,
                                  organisation=settings.organisation)
    return str(documents.write(Path(out), pdf))


@flow(name="portfolio-report", log_prints=False)
def portfolio_report(
    on: date | None = None,
    db_path: str | None = None,
    reports_dir: str | None = None,
    lang: str | None = None,
) -> dict[str, Any]:
    """Write portfolio-report-YYYY-MM-<lang>.pdf for the month of `on` (default today)."""
    settings = load_settings()
    on = on or date.today()
    lang = lang or settings.language
    folder = Path(reports_dir) if reports_dir else settings.reports_dir
    out = folder / f"portfolio-report-{on:%Y-%m}-{lang}.pdf"
    path = render_portfolio_report(db_path, str(out), lang)
    get_run_logger().info("Wrote the portfolio report to %s", path)
    return {"path": path, "language": lang, "month": f"{on:%Y-%m}"}
