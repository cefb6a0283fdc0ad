"""The three printed reports, as HTML or PDF: what the CLI, the dashboard and flows call.

    agenda_pdf(db, actor, group, lang)          the steering meeting pack
    minutes_pdf(db, actor, group, on, lang)     the decisions of one meeting
    portfolio_pdf(db, actor, lang)              the portfolio report for management

The organisation's name comes from settings unless the caller passes it. Each reads its
material in one unit of work of its own and closes it before the report is laid out, so
the file is not held while WeasyPrint works (seconds for a long pack; #16: nothing slow
runs while the file is held).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from portfolio.models import Actor, DecisionKind, GroupKey
from portfolio.reports.figures import Realised, portfolio_figures
from portfolio.reports.layout_helper import LayoutHelper
from portfolio.reports.render import html_to_pdf, render_html
from portfolio.reports.words import Words
from portfolio.service.benefits import kroner_view
from portfolio.service.reports import (
    agenda_material,
    minutes_material,
    portfolio_material,
)
from portfolio.settings import load_settings
from portfolio.storage import Database


def _organisation(organisation: str | None) -> str:
    return organisation if organisation is not None else load_settings().organisation


def agenda_html(
    db: Database, actor: Actor, group: GroupKey | str, lang: str = "en",
    *, organisation: str | None = None,
) -> str:
    """The meeting pack of a steering group: organisation + name (#13), or a name that
    says which group (steering.group_named); headed by the group's organisation."""
    return render_html("agenda.html.j2", **_agenda(db, actor, group, lang, organisation),
                       part="whole")


def _agenda(db: Database, actor: Actor, group: GroupKey | str, lang: str,
            organisation: str | None) -> dict[str, Any]:
    """What the pack's template shows: its material, read in one unit of work."""
    from portfolio.reports.views import agenda_views

    w = Words.of(lang)
    settings = load_settings()
    limit = settings.pack_detail_pages
    with db.reading() as store:  # closed before the pack is laid out (#16)
        pack = agenda_material(store, actor, group, detailed=limit)  # overdue first if longer
    views = agenda_views(pack.items, pack.as_of, w)
    # The table lists at most pack_agenda_rows items, saying how many the steering page
    # holds (#15: WeasyPrint lays a 450-row table out in ~3 s).
    listed = pack.due[:max(settings.pack_agenda_rows, limit)]
    return {"w": w, "as_of": pack.as_of, "pack": pack, "items": pack.due, "listed": listed,
            "views": views, "detailed": len(views),
            "organisation": _organisation(organisation or pack.organisation or None)}


def agenda_pdf(
    db: Database, actor: Actor, group: GroupKey | str, lang: str = "en",
    *, organisation: str | None = None, helper: LayoutHelper | None = None,
) -> bytes:
    """The steering group's meeting pack as PDF: the summary and the first initiatives
    laid out here, the rest at the same time by a helper process (layout_helper.py; the
    entry point may start it early, so its imports overlap this read)."""
    with helper or LayoutHelper() as second:
        context = _agenda(db, actor, group, lang, organisation)
        views = context["views"]
        if not views:  # nothing to detail: one part
            return html_to_pdf(render_html("agenda.html.j2", **context, part="whole"))
        split = _split(len(context["listed"]), [len(v.kpis) for v in views])
        first = render_html("agenda.html.j2", **{**context, "views": views[:split]},
                            part="first")
        rest = render_html("agenda.html.j2", **{**context, "views": views[split:]},
                           part="rest")
        w = context["w"]
        return second.pdf(first, rest, w.t("page"), w.t("of"))


def _split(rows: int, charts: list[int]) -> int:
    """How many initiatives the first part details, so both parts take about as long:
    measured on a national pack, its 100-row table lays out as ~3 initiative pages, and a
    page costs ~1 plus a fifth per KPI chart. The second part gets one at least."""
    weights = [1 + n / 5 for n in charts]
    first, rest, split = 1 + rows / 33, sum(weights), 0
    while split < len(weights) - 1 and first + weights[split] <= rest - weights[split]:
        first, rest, split = first + weights[split], rest - weights[split], split + 1
    return split


def minutes_html(
    db: Database, actor: Actor, group: GroupKey | str, on: date, lang: str = "en",
    *, organisation: str | None = None,
) -> str:
    w = Words.of(lang)
    with db.reading() as store:
        minutes = minutes_material(store, actor, group, on)
    return render_html(
        "minutes.html.j2", w=w,
        organisation=_organisation(organisation or minutes.organisation or None), as_of=on,
        minutes=minutes,
    )


def minutes_pdf(
    db: Database, actor: Actor, group: GroupKey | str, on: date, lang: str = "en",
    *, organisation: str | None = None,
) -> bytes:
    return html_to_pdf(minutes_html(db, actor, group, on, lang, organisation=organisation))


CHART_ENDS = 15
"""A realised-benefit chart shows at most the best and the worst this many groups: a
national portfolio has 600 departments, whose 1,200 bars were unreadable and cost ~25 s of
the report's drawing (#15). The table beside it lists every group."""


def charted(rows: tuple[Realised, ...]) -> tuple[Realised, ...]:
    """The rows a chart shows (best first, as ranked): all, or the best and worst ends."""
    return rows if len(rows) <= 2 * CHART_ENDS else rows[:CHART_ENDS] + rows[-CHART_ENDS:]


def portfolio_html(
    db: Database, actor: Actor, lang: str = "en", *, organisation: str | None = None
) -> str:
    return render_html("portfolio.html.j2", **_portfolio(db, actor, lang, organisation),
                       part="whole")


def _portfolio(db: Database, actor: Actor, lang: str,
               organisation: str | None) -> dict[str, Any]:
    """What the report's template shows: its material, read in one unit of work."""
    from portfolio.reports import charts

    w = Words.of(lang)
    # the material and the planned against realised kr. (#18) in one consistent read (#16)
    with db.reading() as store:
        material = portfolio_material(store, actor,
                                      table_rows=load_settings().report_table_rows)
        kroner = kroner_view(store, actor, material.as_of)
    figures = portfolio_figures(material)
    technologies = {r.label: w.technology(r.label) for r in figures.by_technology}
    # The whole portfolio's and each organisation's years first, then the departments',
    # cut at the long tables' bound (a national portfolio has 600 departments: #15).
    kroner_rows = (*kroner.level("all"), *kroner.level("organisation"),
                   *kroner.level("department"))
    return {
        "w": w, "organisation": _organisation(organisation), "as_of": material.as_of,
        "figures": figures, "kroner": kroner,
        "kroner_rows": kroner_rows[:material.table_rows or len(kroner_rows)],
        "kroner_total": len(kroner_rows),
        "department_chart": charts.realised_bars(charted(figures.by_department), w, {}),
        "technology_chart": charts.realised_bars(charted(figures.by_technology), w,
                                                 technologies),
        "chart_ends": CHART_ENDS,
        "trend_chart": charts.trend_chart(figures.quarters, w),
        "decision_kinds": list(DecisionKind),
    }


def portfolio_pdf(
    db: Database, actor: Actor, lang: str = "en", *, organisation: str | None = None,
    helper: LayoutHelper | None = None,
) -> bytes:
    """The portfolio report as PDF, in two parts laid out at once (layout_helper.py): the
    summary, the scaled and the closed, then from the benefits on, which start a page.
    Measured on the national report, the two take about as long (8.7 and 9.3 s)."""
    with helper or LayoutHelper() as second:
        context = _portfolio(db, actor, lang, organisation)
        first = render_html("portfolio.html.j2", **context, part="first")
        rest = render_html("portfolio.html.j2", **context, part="rest")
        w = context["w"]
        return second.pdf(first, rest, w.t("page"), w.t("of"))


def write(path: Path, report: str | bytes, *, as_html: bool = False) -> Path:
    """Write a report (PDF bytes, or HTML: laid out as PDF, or kept as self-contained HTML)
    and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(report, bytes):
        path.write_bytes(report)
    elif as_html:
        path.write_text(report, encoding="utf-8")
    else:
        path.write_bytes(html_to_pdf(report))
    return path
