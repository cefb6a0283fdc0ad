"""HTML from Jinja2 templates (autoescaped), and PDF from HTML through WeasyPrint.

Reports load nothing from outside: charts are embedded as data URIs and the URL fetcher
refuses everything else, so text a user typed can never make the renderer fetch a file
or a URL.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from portfolio.template_cache import template_cache

TEMPLATES = Path(__file__).parent / "templates"


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=template_cache(),
    )


def render_html(template: str, **context: Any) -> str:
    return _environment().get_template(template).render(**context)


def layout(html: str) -> Any:
    """`html` laid out in pages (a WeasyPrint Document), fetching nothing but data: URIs."""
    from weasyprint import HTML  # local: importing WeasyPrint costs a second
    from weasyprint.urls import URLFetcher

    embedded_only = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, url_fetcher=embedded_only).render()


def html_to_pdf(html: str) -> bytes:
    return layout(html).write_pdf()
