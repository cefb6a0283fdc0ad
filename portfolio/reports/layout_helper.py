"""A long report laid out on both cores: its second part in a helper process (#15).

WeasyPrint lays a document out and writes its PDF on one thread, in Python: a national
meeting pack was ~10 s of one core while the other idled. So a report in two parts
(`documents.agenda_pdf`: the summary and the first initiatives, then the rest;
`documents.portfolio_pdf`: up to the closed initiatives, then from the benefits on) is
laid out by this process and a helper at once, and joined:

1. The helper (`python -m portfolio.reports.layout_helper`) is started before the
   report's material is read, so its imports overlap that read.
2. Each process lays its part out; they tell each other how many pages they have.
3. Each writes its PDF and stamps its pages "Page n of N" from a small document laid out
   with the same stylesheet (`page_labels.html.j2`): the parts are laid out without
   page numbers, as neither knows the other's length beforehand.
4. This process appends the helper's pages and bookmarks to its own (pikepdf).

A part's running headers (organisation, title, evidence date) come from its own hidden
masthead (`part="rest"` in the templates). The helper gets HTML only from this process
over a pipe, and loads nothing but what `render.layout` allows (data: URIs).
"""

from __future__ import annotations

import io
import json
import logging
import struct
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from typing import IO, Any

from portfolio.errors import PortfolioError
from portfolio.reports.render import layout, render_html

_log = logging.getLogger(__name__)

_LENGTH = struct.Struct(">Q")
CONTINUED = "failscale:continued"
"""The bookmark of a second part's hidden masthead (report.css): a placeholder whose
headings `joined` nests under the first part's last top-level bookmark, as one part has
them."""


class LayoutError(PortfolioError):
    """The helper process ended before its part was laid out: the user is told so in their
    language (`error.report.layout_failed`); what the helper said is logged."""

    def __init__(self, said: str) -> None:
        super().__init__(code="report.layout_failed")
        self.said = said


def _send(stream: IO[bytes], data: bytes) -> None:
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def _send_or_note(stream: IO[bytes], data: bytes, refused: list[OSError]) -> None:
    try:
        _send(stream, data)
    except OSError as exc:  # the helper has gone: said where the answer is awaited
        refused.append(exc)


def _receive(stream: IO[bytes]) -> bytes | None:
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (size,) = _LENGTH.unpack(head)
    data = stream.read(size)
    return data if len(data) == size else None


def labels_for(first: int, count: int, total: int, page: str, of: str) -> list[str]:
    """The page labels of `count` pages from page `first`, as the one-part report's
    margin box writes them ('Page 3 of 36')."""
    return [f"{page} {n} {of} {total}" for n in range(first, first + count)]


def numbered(pdf: bytes, labels: Sequence[str]) -> Any:
    """`pdf` (a pikepdf document) with `labels` stamped on its pages, one each."""
    import pikepdf

    document = pikepdf.open(io.BytesIO(pdf))
    stamps = pikepdf.open(io.BytesIO(layout(
        render_html("page_labels.html.j2", labels=labels)).write_pdf()))
    for page, stamp in zip(document.pages, stamps.pages, strict=True):
        page.add_overlay(stamp)
    return document


def joined(first: Any, rest: Any) -> bytes:
    """`rest`'s pages and bookmarks appended to `first`'s (pikepdf documents); `first`'s
    title, language and metadata are the whole's."""
    import pikepdf

    offset = len(first.pages)
    first.pages.extend(rest.pages)
    with rest.open_outline() as theirs, first.open_outline() as ours:
        items = list(theirs.root)
        if items and items[0].title == CONTINUED and len(ours.root):
            # the second part's masthead: its headings go on under the first part's last
            ours.root[-1].children.extend(_moved(c, rest, offset) for c in items[0].children)
            items = items[1:]
        ours.root.extend(_moved(item, rest, offset) for item in items)
    out = io.BytesIO()
    first.save(out, compress_streams=True,
               object_stream_mode=pikepdf.ObjectStreamMode.preserve)
    return out.getvalue()


def _moved(item: Any, source: Any, offset: int) -> Any:
    """A copy of a bookmark of `source` that points `offset` pages further on."""
    import pikepdf

    target = item.destination
    index = pikepdf.Page(target[0]).index
    moved = pikepdf.OutlineItem(item.title, index + offset, pikepdf.PageLocation.XYZ,
                                left=float(target[2]), top=float(target[3]))
    moved.is_closed = item.is_closed
    moved.children.extend(_moved(child, source, offset) for child in item.children)
    return moved


class LayoutHelper:
    """The helper process of one two-part report (a context manager: leaving it ends the
    process whatever happened)."""

    def __init__(self) -> None:
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed by __exit__
        self._process = subprocess.Popen(
            [sys.executable, "-m", "portfolio.reports.layout_helper"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._errors)

    def __enter__(self) -> LayoutHelper:
        return self

    def __exit__(self, *_: object) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        for stream in (self._process.stdin, self._process.stdout, self._errors):
            if stream is not None:
                stream.close()

    def pdf(self, first: str, rest: str, page: str, of: str) -> bytes:
        """The PDF of a report whose first part is `first` and second `rest` (HTML of the
        same stylesheet, laid out without page numbers); `page` and `of` make the labels."""
        pipe_in, pipe_out = self._process.stdin, self._process.stdout
        assert pipe_in is not None and pipe_out is not None
        # Sent from a thread: the pipe takes 64 KB at a time, and a helper still importing
        # would otherwise hold this process back from laying out its own part.
        refused: list[OSError] = []
        sending = threading.Thread(target=_send_or_note,
                                   args=(pipe_in, rest.encode("utf-8"), refused))
        sending.start()
        document = layout(first)
        sending.join()
        counted = None if refused else _receive(pipe_out)
        if counted is None:
            raise self._failed()
        mine, theirs = len(document.pages), int(counted)
        total = mine + theirs
        try:
            _send(pipe_in, json.dumps(labels_for(mine + 1, theirs, total, page, of)).encode())
        except OSError as exc:
            raise self._failed() from exc
        ours = numbered(document.write_pdf(), labels_for(1, mine, total, page, of))
        pdf = _receive(pipe_out)
        if pdf is None:
            raise self._failed()
        import pikepdf

        return joined(ours, pikepdf.open(io.BytesIO(pdf)))

    def _failed(self) -> LayoutError:
        if self._process.poll() is None:  # alive but not answering as agreed
            self._process.kill()
        self._process.wait()
        self._errors.seek(0)
        said = self._errors.read()[-2000:].decode("utf-8", "replace")
        _log.error("the report's second layout process ended: %s", said)
        return LayoutError(said)


def serve(pipe_in: IO[bytes], pipe_out: IO[bytes]) -> None:
    """The helper's side: a part's HTML in; its page count out; its labels in; its
    numbered PDF out."""
    html = _receive(pipe_in)
    if html is None:
        return
    document = layout(html.decode("utf-8"))
    _send(pipe_out, str(len(document.pages)).encode())
    labels = _receive(pipe_in)
    if labels is None:
        return
    pdf = numbered(document.write_pdf(), json.loads(labels))
    out = io.BytesIO()
    pdf.save(out)
    _send(pipe_out, out.getvalue())


if __name__ == "__main__":
    import pikepdf  # noqa: F401 - imported while the parent reads the report's material
    import weasyprint  # noqa: F401

    serve(sys.stdin.buffer, sys.stdout.buffer)
