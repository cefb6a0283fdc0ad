"""/public: the results an organisation chose to publish, for anyone, without sign-in.

Danish by default, English with ?lang=en; ?organisation= narrows it to one organisation.
Plain HTML rendered by Jinja2 with autoescaping (initiative text is user text), one h1,
headings per organisation and initiative, tables with captions and header cells.
"""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from api.public_texts import text
from portfolio import formats
from portfolio.errors import DatabaseBusy
from portfolio.i18n import CLOSE_REASON_LABELS, STAGE_LABELS
from portfolio.reports.labels import KPI_KINDS, TECHNOLOGIES
from portfolio.service.public import PublicInitiative, public_initiatives
from portfolio.storage import Database

router = APIRouter(include_in_schema=False)
_TEMPLATES = Environment(
    loader=PackageLoader("api"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
)
# Inline style only; nothing runs, nothing is fetched from elsewhere.
_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                               "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "public, max-age=60",
}


def _label(labels: dict[str, dict[str, str]], key: str | None, lang: str) -> str:
    if key is None:
        return ""
    return labels.get(key, {}).get(lang, key)


def _anchor(prefix: str, name: str) -> str:
    return f"{prefix}-{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-') or 'x'}"


# A decision's outcome as the public reads it; closed and parked read as the words the
# dashboard and the reports use for them.
OUTCOMES = {"SCALE": "outcome_SCALE", "CONTINUE": "outcome_CONTINUE", "PIVOT": "outcome_PIVOT",
            "CLOSE": "stage.closed", "PARK": "word.parked"}


def _figure(value: float | None, lang: str) -> str:
    return "–" if value is None else formats.number(value, lang)


def _item(p: PublicInitiative, lang: str) -> dict[str, Any]:
    direction = {"higher": text("direction_higher", lang), "lower": text("direction_lower", lang)}
    return {
        "anchor": _anchor("initiative", p.id), "title": p.title, "department": p.department,
        "stage": _label(STAGE_LABELS, p.stage, lang),
        "outcome": text(OUTCOMES[p.outcome], lang) if p.outcome
        else text("no_decision", lang),
        "close_reason": _label(CLOSE_REASON_LABELS, p.close_reason, lang) if p.close_reason else "",
        "technology": _label(TECHNOLOGIES, p.technology, lang),
        "core_task": p.core_task, "hypothesis": p.hypothesis,
        "started_on": formats.day(p.started_on, lang) if p.started_on else "",
        "budget": formats.money(p.budget_dkk, lang) if p.budget_dkk is not None else "",
        "spent": formats.money(p.spent_dkk, lang) if p.spent_dkk is not None else "",
        "results": [{
            "name": r.name, "unit": r.unit, "kind": _label(KPI_KINDS, r.kind, lang),
            "direction": direction.get(r.direction, r.direction),
            "baseline": _figure(r.baseline, lang), "target": _figure(r.target, lang),
            "latest": (f"{_figure(r.latest_value, lang)} ({formats.day(r.latest_on, lang)})"
                       if r.latest_value is not None and r.latest_on else "–"),
        } for r in p.results],
        "lessons": list(p.lessons),
    }


def _groups(found: list[PublicInitiative], lang: str) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for p in found:
        groups.setdefault(p.organisation, []).append(_item(p, lang))
    return [{"name": name, "anchor": _anchor("organisation", name), "items": items}
            for name, items in groups.items()]


@router.get("/public", response_class=HTMLResponse)
def public_page(
    request: Request,
    lang: Annotated[str, Query(max_length=5)] = "da",
    organisation: Annotated[str | None, Query(max_length=200)] = None,
) -> HTMLResponse:
    lang = lang if lang in formats.LANGUAGES else "da"
    db: Database = request.app.state.db
    try:
        with db.reading() as store:
            found = public_initiatives(
                store, default_organisation=request.app.state.settings.organisation,
                organisation=organisation or None)
    except DatabaseBusy:
        # A citizen reads a page, not the API's JSON about a change "not saved": the same
        # page, saying to come back, and not cached as the answer (503, Retry-After).
        return HTMLResponse(_render(lang, organisation, [], busy=True), status_code=503,
                            headers={**_HEADERS, "Cache-Control": "no-store",
                                     "Retry-After": "5"})
    return HTMLResponse(_render(lang, organisation, _groups(found, lang)), headers=_HEADERS)


def _render(lang: str, organisation: str | None, groups: list[dict[str, Any]],
            *, busy: bool = False) -> str:
    def link(to: str) -> str:
        return "?" + urlencode({"lang": to, **({"organisation": organisation}
                                               if organisation else {})})

    return _TEMPLATES.get_template("public.html").render(
        lang=lang, organisation=organisation or "", groups=groups, busy=busy,
        link_da=link("da"), link_en=link("en"),
        t=lambda key, **params: text(key, lang, **params),
    )
