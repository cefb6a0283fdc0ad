"""What evaluate-portfolio shows in the Prefect UI: the recommendations as a table and
each steering group's agenda as markdown, with links into the dashboard.

Both are bounded (#7): a national run has 50 k verdicts and 100 steering groups with
~340 agenda items each (3.7 MB of markdown); the dashboard holds every row.
"""

from __future__ import annotations

import asyncio
import contextvars
import queue
import threading
from collections.abc import Sequence
from datetime import date
from typing import Any

from prefect import get_client
from prefect.artifacts import Artifact, MarkdownArtifact, TableArtifact
from prefect.utilities.context import get_task_and_flow_run_ids

from flows.common import slug
from portfolio import formats, texts
from portfolio.markdown_text import literal
from portfolio.models import GroupKey, Verdict
from portfolio.notify.compose import Style, dashboard_link
from portfolio.notify.texts import recommendation
from portfolio.reports.words import Words
from portfolio.review.agenda import Agenda, Items
from portfolio.service.evaluation import most_urgent

TABLE_ROWS = 500
"""Most rows of the recommendations artifact: a national run has 50 k verdicts (#7)."""
AGENDA_ROWS = 100
"""Most items of a steering group's agenda artifact; the steering page lists them all."""


def recommendation_rows(verdicts: Sequence[Verdict], titles: dict[str, str], lang: str,
                        limit: int = TABLE_ROWS) -> list[dict[str, Any]]:
    """The `limit` most urgent verdicts (overdue, then CLOSE, NEEDS_DATA, …) as rows; the
    last reason in `lang`. The columns and codes stay as they are (a reader of the
    artifact through Prefect's API keys on them)."""
    return _rows(most_urgent(verdicts, limit), titles, lang)


def _rows(urgent: Sequence[Verdict], titles: dict[str, str],
          lang: str) -> list[dict[str, Any]]:
    return [
        {
            "initiative": v.initiative_id,
            "title": titles.get(v.initiative_id, ""),
            "recommendation": v.recommendation.value,
            "light": v.light.value,
            "score": None if v.score is None else round(v.score, 3),
            "overdue": v.overdue,
            "why": v.reasons[-1].render(lang) if v.reasons else "",
        }
        for v in urgent
    ]


def agenda_markdown(group: GroupKey, items: Items, agenda: Agenda,
                    style: Style, limit: int = AGENDA_ROWS) -> str:
    """The group's agenda as a table in the organisation's language: the `limit` most
    urgent items (overdue, then CLOSE, NEEDS_DATA, …), in the agenda's order, and a link
    to the rest. The group is organisation + name (#13): the heading names both."""
    w = Words.of(style.default_language)
    name = literal(group.label()) if group.name else w.t("flow.no_steering_group")
    lines = [
        f"# {name} — {w.day(agenda.as_of)}",
        "",
        f"| {w.t('word.recommendation')} | {w.t('word.initiative')} | {w.t('word.why')} |",
        "|---|---|---|",
    ]
    for item in items.most_urgent(limit):
        ini = item.initiative
        link = dashboard_link(style, "initiative", id=ini.id)
        rec = recommendation(item.recommendation.value if item.recommendation else None,
                             w.lang)
        why = "; ".join(w.due(r.value) for r in item.reasons)
        # Titles and ids are user text: literal, so a title cannot close the link (#14).
        lines.append(f"| {rec} | [{literal(ini.title)}]({link}) ({literal(ini.id)}) | {why} |")
    if len(items) > limit:
        rest = dashboard_link(style, "steering", group=group.path())
        lines += ["", w.t("flow.agenda_more", shown=formats.number(limit, w.lang),
                          total=formats.number(len(items), w.lang), link=rest)]
    return "\n".join(lines) + "\n"


def recommendations_table(verdicts: Sequence[Verdict], titles: dict[str, str],
                          as_of: date, lang: str) -> TableArtifact:
    """The run's most urgent recommendations (TABLE_ROWS) as a table artifact."""
    return _table(recommendation_rows(verdicts, titles, lang), len(verdicts), as_of, lang)


def urgent_table(urgent: Sequence[Verdict], total: int, titles: dict[str, str],
                 as_of: date, lang: str) -> TableArtifact:
    """The same table from verdicts already chosen in urgency order (a sharded run reads
    its shards' most urgent back from the store, `evaluation.most_urgent_of_runs`)."""
    return _table(_rows(urgent, titles, lang), total, as_of, lang)


def _table(rows: list[dict[str, Any]], total: int, as_of: date, lang: str) -> TableArtifact:
    description = texts.text("flow.recommendations_as_of", lang,
                             day=formats.day(as_of, lang))
    if len(rows) < total:
        description += " — " + texts.text(
            "flow.recommendations_capped", lang, shown=formats.number(len(rows), lang),
            total=formats.number(total, lang))
    return TableArtifact(table=rows, key="recommendations", description=description)


def agenda_artifact(group: GroupKey, markdown: str, lang: str) -> MarkdownArtifact:
    """A steering group's agenda (agenda_markdown), keyed by organisation + name (#13):
    two municipalities' namesakes are two artifacts. The Prefect UI renders the
    description as Markdown too, so the group's name in it is literal (#14)."""
    return MarkdownArtifact(
        markdown=markdown, key=f"agenda-{slug(group.organisation)}-{slug(group.name)}",
        description=texts.text("flow.agenda_of", lang, group=literal(group.label()))
        if group.name else texts.text("flow.no_steering_group", lang))


IN_FLIGHT = 4
"""Requests the publisher has on their way at once. One at a time, the national run's
~100 artifacts kept the command waiting 0.7-1.1 s after its last e-mail; four at once,
0.01-0.1 s (the server answers on its own core while the next request is written)."""


class Publisher:
    """Creates artifacts on the Prefect server from a thread of its own, IN_FLIGHT at a
    time in the order they are handed over, through one client (a client per artifact
    costs a new SSL context, ~25 ms: 2.5 s of a national run's 100 groups, #7).

    The server's answers (~100 requests, ~2 s at national scale) are waited for while the
    run goes on: the next steering group's agenda composed, then the e-mails delivered
    (#15). An artifact belongs to the task run (or flow run) that handed it over, however
    late it is sent. Leaving the block waits for every artifact; a failed request is
    raised there, unless the block itself failed (its error is the one that matters).
    """

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[Artifact | None] = queue.SimpleQueue()
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None

    def add(self, artifact: Artifact) -> None:
        """Hand `artifact` over, stamped with the run this is called in."""
        task_run_id, flow_run_id = get_task_and_flow_run_ids()
        self._queue.put(artifact.model_copy(update={
            "task_run_id": artifact.task_run_id or task_run_id,
            "flow_run_id": artifact.flow_run_id or flow_run_id,
        }))

    def __enter__(self) -> Publisher:
        # the context of now: the run (and the settings) in force where the block opens
        self._thread = threading.Thread(target=contextvars.copy_context().run,
                                        args=(self._run,), name="artifacts", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self._queue.put(None)
        if self._thread is not None:
            self._thread.join()
        if self._error is not None and kind is None:
            raise self._error

    def _run(self) -> None:
        try:
            asyncio.run(self._drain())
        except BaseException as exc:  # raised by __exit__, in the caller's thread
            self._error = exc  # what is still handed over waits in the queue, unread

    async def _drain(self) -> None:
        async with get_client() as client:
            sending: set[asyncio.Task[object]] = set()
            while (artifact := await asyncio.to_thread(self._queue.get)) is not None:
                if len(sending) >= IN_FLIGHT:
                    done, sending = await asyncio.wait(sending,
                                                       return_when=asyncio.FIRST_COMPLETED)
                    for sent in done:
                        sent.result()  # a failed request ends the drain
                sending.add(asyncio.create_task(artifact.acreate(client)))
            for sent in await asyncio.gather(*sending, return_exceptions=True):
                if isinstance(sent, BaseException):
                    raise sent
