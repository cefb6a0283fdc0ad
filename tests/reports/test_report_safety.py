"""What users type is printed as text: it can neither change the layout nor fetch files."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader

from portfolio.models import Actor
from portfolio.reports.documents import agenda_html
from portfolio.reports.render import html_to_pdf
from portfolio.service.initiatives import save_initiative
from portfolio.storage import Database
from tests.reports.conftest import WELFARE, seed_evaluated_demo
from tests.units import in_transaction

pytestmark = pytest.mark.security

EVIL = '<img src="file:///etc/passwd"><script>alert(1)</script>'


def test_an_initiative_title_with_markup_is_escaped_in_the_pack(db: Database) -> None:
    seed_evaluated_demo(db)
    with db.reading() as store:
        initiative = store.initiatives.get("SB-01")
    assert initiative is not None
    in_transaction(db, save_initiative,
                   Actor.operator(), initiative.model_copy(update={"title": EVIL}))

    html = agenda_html(db, Actor.operator(), WELFARE, "en")

    assert EVIL not in html and "<script>" not in html
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;&lt;script&gt;" in html


def test_the_renderer_loads_nothing_but_embedded_images() -> None:
    pdf = html_to_pdf('<p>x</p><img src="file:///etc/hostname"><img src="http://127.0.0.1:9/x.png">')

    assert [image for page in PdfReader(BytesIO(pdf)).pages for image in page.images] == []
