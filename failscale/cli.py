"""`failscale`: the command-line contract of PRODUCT.md.

Errors a user can act on (PortfolioError) become one friendly line and an exit code here,
in one place; anything else is a bug and is shown as such.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from failscale.acting import act_as
from failscale.adoption_cli import adoption_app
from failscale.api_cli import public_app, run_api, token_app, webhook_app
from failscale.common import actor as _actor
from failscale.common import database as _database
from failscale.common import friendly, not_negative
from failscale.common import parse_date as _parse_date
from failscale.export_cli import export_app
from failscale.org_cli import org_app
from failscale.pool_cli import deploy, worker
from failscale.radar_cli import radar_app
from failscale.say import echo, language, say
from failscale.users_cli import audit_app, user_app
from portfolio.importing import ImportKind
from portfolio.settings import Settings, load_settings

if TYPE_CHECKING:
    from portfolio.reports.layout_helper import LayoutHelper

app = typer.Typer(
    name="failscale",
    help="Fail or Scale: follow every digital initiative up; scale what works, close the rest.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

@app.callback()
def main(
    as_user: Annotated[
        str | None,
        typer.Option("--as", envvar="FAILSCALE_ACTOR", metavar="USERNAME",
                     help="Act as this user, with their role and scope (default: the local "
                     "operator, an administrator); the audit trail names them"),
    ] = None,
) -> None:
    """Fail or Scale: follow every digital initiative up; scale what works, close the rest."""
    act_as(as_user)


@app.command()
@friendly
def init() -> None:
    """Create the database (or upgrade its schema) and activate the default review policy."""
    from failscale.logins import first_admin_text
    from portfolio.service.setup import initialise
    from portfolio.service.users import create_first_admin

    settings = load_settings()
    db = _database(settings)
    created = initialise(db, _actor())
    echo("cli.initialised" if created else "cli.up_to_date", db=settings.db_shown)
    with db.transaction() as store:
        first = create_first_admin(store, _actor())
    if first:
        typer.echo(first_admin_text(first))


@app.command()
@friendly
def demo(
    anchor: Annotated[
        str | None, typer.Option(help="Date the demo is built around (YYYY-MM-DD); default today")
    ] = None,
) -> None:
    """Load the demo portfolio of Demo Kommune (only into an empty database)."""
    from portfolio.service.setup import initialise, seed_demo

    settings = load_settings()
    db = _database(settings)
    initialise(db, _actor())
    day = _parse_date(anchor) if anchor else date.today()
    loaded = seed_demo(db, _actor(), day)
    if loaded:
        from failscale.logins import demo_logins_text
        from portfolio.demo.org import USERS
        from portfolio.service.users import create_demo_users

        echo("cli.demo_loaded", db=settings.db_shown, n=loaded)
        with db.transaction() as store:
            issued = create_demo_users(store, _actor(), USERS)
        typer.echo(demo_logins_text(issued))
    else:
        echo("cli.demo_not_loaded")


@app.command()
@friendly
def synth(
    initiatives: Annotated[int, typer.Option(help="Number of initiatives")] = 50_000,
    measurements: Annotated[int, typer.Option(help="Number of measurements")] = 10_000_000,
    seed: Annotated[int, typer.Option(help="Same seed, same portfolio")] = 7,
    anchor: Annotated[
        str | None, typer.Option(help="Newest measurement date (YYYY-MM-DD); default today")
    ] = None,
    organisations: Annotated[int | None, typer.Option(
        help="Organisations sharing the initiatives (1-103); default one per 500 initiatives"
    )] = None,
) -> None:
    """Fill an empty database with a synthetic national portfolio (for benchmarks)."""
    from portfolio.service.setup import initialise
    from portfolio.synth import SynthSpec, generate_portfolio

    settings = load_settings()
    db = _database(settings)
    initialise(db, _actor())
    day = _parse_date(anchor) if anchor else date.today()
    spec = SynthSpec(initiatives, measurements, seed, day, organisations)
    report = generate_portfolio(db, _actor(), spec)
    c = report.counts
    echo("cli.synth_done", db=settings.db_shown, initiatives=c.initiatives,
         departments=c.departments, kpis=c.kpis, measurements=c.measurements,
         decisions=c.decisions, lessons=c.lessons, adoptions=c.adoptions,
         seconds=float(report.seconds), rate=round(report.measurements_per_second))


import_app = typer.Typer(
    help="Import the organisation, initiatives, KPIs, measurements or benefit-realisation "
         "plans from CSV or XLSX.")
app.add_typer(import_app, name="import")


def _import(kind: ImportKind, file: Path, as_json: bool) -> None:
    from portfolio.service.imports import import_file
    from portfolio.service.setup import initialise

    settings = load_settings()
    db = _database(settings)
    initialise(db, _actor())
    report = import_file(db, _actor(), file, kind, organisation=settings.organisation)
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        lang = language()
        typer.echo(say("page.import_report", lang, file=report.source_name,
                       read=report.rows_read, accepted=report.accepted, added=report.added,
                       updated=report.updated, unchanged=report.unchanged,
                       rejected=report.rejected))
        for error in report.errors:
            typer.echo(say("cli.import_row", lang, row=error.row,
                           reason=error.in_language(lang)))
        if report.errors:
            echo("cli.quarantine_note")
    raise typer.Exit(report.exit_code)


FileArg = Annotated[Path, typer.Argument(help="CSV or XLSX file", show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the summary as JSON")]


@import_app.command("organisation")
@friendly
def import_organisation(file: FileArg, as_json: JsonOpt = False) -> None:
    """Import departments and their steering groups (see docs/organisation.md)."""
    _import(ImportKind.ORGANISATION, file, as_json)


@import_app.command("initiatives")
@friendly
def import_initiatives(file: FileArg, as_json: JsonOpt = False) -> None:
    """Import initiatives (unknown departments are created)."""
    _import(ImportKind.INITIATIVES, file, as_json)


@import_app.command("kpis")
@friendly
def import_kpis(file: FileArg, as_json: JsonOpt = False) -> None:
    """Import KPIs of existing initiatives."""
    _import(ImportKind.KPIS, file, as_json)


@import_app.command("measurements")
@friendly
def import_measurements(file: FileArg, as_json: JsonOpt = False) -> None:
    """Import measurements of existing KPIs."""
    _import(ImportKind.MEASUREMENTS, file, as_json)


@import_app.command("benefits")
@friendly
def import_benefits(file: FileArg, as_json: JsonOpt = False) -> None:
    """Import benefit-realisation plans (docs/benefits.md).

    Per initiative and year: planned and realised kroner with their budget line, and
    non-cashable benefits in their units."""
    _import(ImportKind.BENEFITS, file, as_json)


@app.command()
@friendly
def evaluate(
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Evaluate as of this date (YYYY-MM-DD)")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Evaluate every active initiative as the acting user.

    Refused for a role that may not evaluate, or a date after today. A recorded Prefect
    flow run when a Prefect server answers, else the same steps in this process,
    recorded in the run table."""
    from failscale import evaluate_output, prefect_env
    from portfolio.service.evaluation import check_run, run_verdict_pages
    from portfolio.service.setup import initialise

    settings = load_settings()
    day = _parse_date(as_of) if as_of else date.today()
    check_run(_actor(), day)  # before Prefect starts: a refusal costs no seconds
    db = _database(settings)
    initialise(db, _actor())
    summary = prefect_env.run_evaluation(settings, day, _actor())
    if as_json:
        evaluate_output.write_json(run_verdict_pages(db, _actor(), summary["run_id"]),
                                   sys.stdout)
    else:
        evaluate_output.write_summary(summary, sys.stdout, language())


@app.command()
@friendly
def dashboard(
    port: Annotated[
        int | None, typer.Option(help="Port (default FAILSCALE_DASHBOARD_PORT)")
    ] = None,
) -> None:
    """Start the Streamlit dashboard."""
    from failscale.processes import run_dashboard

    settings = load_settings()
    sys.exit(run_dashboard(settings, port or settings.dashboard_port))


@app.command()
@friendly
def serve() -> None:
    """Serve the scheduled deployments against the running Prefect server."""
    from failscale import prefect_env

    settings = load_settings()
    prefect_env.configure(settings, quiet=False)
    from flows.deployments import serve_all

    serve_all(settings)


@app.command()
def api(
    port: Annotated[int | None, typer.Option(help="Port (default FAILSCALE_API_PORT)")] = None,
    host: Annotated[str, typer.Option(help="Address to listen on; 0.0.0.0 for every "
                                      "interface (put TLS in front)")] = "127.0.0.1",
) -> None:
    """Serve the REST API (/api/v1, OpenAPI at /api/v1/openapi.json) and /public."""
    run_api(port, host)


@app.command()
@friendly
def up() -> None:
    """Run the whole product: database, demo on first run, Prefect server, flows, dashboard."""
    from failscale.processes import run_up

    sys.exit(run_up(load_settings()))


@app.command()
@friendly
def backup(
    path: Annotated[
        Path | None,
        typer.Argument(help="New file to write; default a timed file in FAILSCALE_BACKUPS, "
                       "keeping the newest FAILSCALE_BACKUP_KEEP there", show_default=False),
    ] = None,
) -> None:
    """Back the database up into one file, while the product keeps running."""
    from portfolio.service.backup import back_up

    settings = load_settings()
    made = back_up(_database(settings), _actor(), folder=settings.backups_dir, target=path,
                   keep=settings.backup_keep)
    echo("cli.backed_up", db=settings.db, path=made.backup.path,
         version=str(made.backup.schema_version), size=made.backup.size_bytes)
    for old in made.pruned:
        echo("cli.backup_pruned", name=old.name)


@app.command()
@friendly
def restore(
    path: Annotated[Path, typer.Argument(help="Backup file to restore", show_default=False)],
    force: Annotated[
        bool, typer.Option("--force", help="Replace the existing database (a copy is kept)")
    ] = False,
) -> None:
    """Replace the database with a backup; safe while the product runs."""
    from portfolio.service.backup import restore as restore_backup

    settings = load_settings()
    done = restore_backup(_database(settings), _actor(), path, force=force,
                          safety_dir=settings.backups_dir)
    echo("cli.restored", db=settings.db, path=path, version=str(done.source.schema_version))
    if done.safety_copy:
        echo("cli.restore_safety_copy", path=done.safety_copy.path, held=done.held_from)


@app.command()
@friendly
def maintain(
    keep_days: Annotated[
        int | None,
        typer.Option("--keep-days", callback=not_negative, show_default=False,
                     help="Days of snapshots and unused files to keep for long reads and "
                     "backups; default FAILSCALE_MAINTAIN_KEEP_DAYS (7)"),
    ] = None,
) -> None:
    """Tidy the store: merge the shared store's small files, delete what it no longer uses."""
    from portfolio.service.housekeeping import tidy_store

    settings = load_settings()
    done = tidy_store(_database(settings), _actor(), keep_days)
    if done.shared:
        echo("cli.tidied_lake", before=done.data_files_before, after=done.data_files_after,
             merged=done.files_merged, expired=done.snapshots_expired, days=done.keep_days,
             deleted=done.files_deleted, bytes_before=_or_dash(done.bytes_before),
             bytes_after=_or_dash(done.bytes_after))
    else:
        echo("cli.tidied_file", db=settings.db, bytes_before=done.bytes_before,
             bytes_after=done.bytes_after)


def _or_dash(value: int | None) -> int | str:
    return "–" if value is None else value


report_app = typer.Typer(
    help="Print the steering meeting pack, meeting minutes or the portfolio report (PDF/HTML)."
)
app.add_typer(report_app, name="report")

GroupOpt = Annotated[str, typer.Option("--group", help="Steering group, as set on departments")]
GroupOrgOpt = Annotated[str | None, typer.Option(
    "--organisation", help="The group's organisation, when two have a group of that name")]
OutOpt = Annotated[Path, typer.Option("--out", help="File to write", show_default=False)]
LangOpt = Annotated[
    str | None, typer.Option("--lang", help="da or en (default FAILSCALE_LANGUAGE)")
]
HtmlOpt = Annotated[bool, typer.Option("--html", help="Write self-contained HTML, not PDF")]


def _report_language(lang: str | None, settings: Settings) -> str:
    chosen = lang or settings.language
    if chosen not in ("da", "en"):
        raise typer.BadParameter(say("cli.not_a_language", value=repr(chosen)),
                                 param_hint="--lang")
    return chosen


def _write_report(out: Path, report: str | bytes, as_html: bool) -> None:
    from portfolio.reports.documents import write

    echo("cli.wrote", path=write(out, report, as_html=as_html))


def _two_part_report(out: Path, as_html: bool,
                     report: Callable[[LayoutHelper | None], str | bytes]) -> None:
    """Write a report laid out in two parts (portfolio/reports/layout_helper.py): `report`
    gives its HTML without a helper, its PDF with one. The helper starts before anything
    else, so it imports WeasyPrint while this process does (#15)."""
    from portfolio.reports.layout_helper import LayoutHelper

    if as_html:
        _ready_to_report(as_html)
        _write_report(out, report(None), as_html)
        return
    with LayoutHelper() as helper:
        _ready_to_report(as_html)
        pdf = report(helper)
    _write_report(out, pdf, as_html)


def _ready_to_report(as_html: bool) -> None:
    """Import what a report needs (WeasyPrint too, for a PDF) before its work starts, and
    tune the interpreter for the one run (failscale.tuning): a national meeting pack
    6.4-6.7 -> 4.6-5.5 s, the portfolio report 14.1 -> 12.1 s (2026-12-05)."""
    import portfolio.reports.documents  # noqa: F401
    from failscale.tuning import tune_for_one_run

    if not as_html:
        import weasyprint  # noqa: F401

    tune_for_one_run()


@report_app.command("agenda")
@friendly
def report_agenda(
    group: GroupOpt, out: OutOpt, lang: LangOpt = None, html: HtmlOpt = False,
    organisation: GroupOrgOpt = None,
) -> None:
    """The meeting pack: a summary, then one page per initiative due for a decision."""
    _two_part_report(out, html, lambda helper: _agenda_pack(group, organisation, lang, helper))


def _agenda_pack(group: str, organisation: str | None, lang: str | None,
                 helper: LayoutHelper | None) -> str | bytes:
    """The pack as HTML, or with a layout helper as PDF."""
    from portfolio.models import GroupKey
    from portfolio.reports.documents import agenda_html, agenda_pdf

    settings = load_settings()
    # a group is organisation + name (#13); the pack is headed by the group's organisation
    named = GroupKey(organisation, group) if organisation else group
    language = _report_language(lang, settings)
    if helper is None:
        return agenda_html(_database(settings), _actor(), named, language)
    return agenda_pdf(_database(settings), _actor(), named, language, helper=helper)


@report_app.command("minutes")
@friendly
def report_minutes(
    group: GroupOpt,
    on: Annotated[str, typer.Option("--date", help="Meeting day (YYYY-MM-DD)")],
    out: OutOpt,
    lang: LangOpt = None,
    html: HtmlOpt = False,
    organisation: GroupOrgOpt = None,
) -> None:
    """The decisions a steering group recorded on one day, with rationales and overrides."""
    from portfolio.models import GroupKey
    from portfolio.reports.documents import minutes_html

    _ready_to_report(html)
    settings = load_settings()
    page = minutes_html(_database(settings), _actor(),
                        GroupKey(organisation, group) if organisation else group,
                        _parse_date(on), _report_language(lang, settings))
    _write_report(out, page, html)


@report_app.command("portfolio")
@friendly
def report_portfolio(out: OutOpt, lang: LangOpt = None, html: HtmlOpt = False) -> None:
    """The portfolio report for management and politicians, in plain language."""
    _two_part_report(out, html, lambda helper: _portfolio_report(lang, helper))


def _portfolio_report(lang: str | None, helper: LayoutHelper | None) -> str | bytes:
    """The report as HTML, or with a layout helper as PDF."""
    from portfolio.reports.documents import portfolio_html, portfolio_pdf

    settings = load_settings()
    language = _report_language(lang, settings)
    if helper is None:
        return portfolio_html(_database(settings), _actor(), language,
                              organisation=settings.organisation)
    return portfolio_pdf(_database(settings), _actor(), language,
                         organisation=settings.organisation, helper=helper)


app.add_typer(user_app, name="user")
app.add_typer(audit_app, name="audit")
app.add_typer(adoption_app, name="adoption")
app.add_typer(export_app, name="export")
app.add_typer(token_app, name="token")
app.add_typer(public_app, name="public")
app.add_typer(webhook_app, name="webhook")
app.command()(deploy)
app.command()(worker)
app.add_typer(org_app, name="org")
app.add_typer(radar_app, name="radar")

if __name__ == "__main__":  # pragma: no cover
    app()
