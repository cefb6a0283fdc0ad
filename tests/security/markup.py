"""What a page's Markdown would turn into something active: shared by the injection tests.

Streamlit renders Markdown (CommonMark + GFM) with its own directives (`:red[…]`,
`:material/…:`) and LaTeX (`$…$`). A piece of user text is inert when, parsed as the page
parses it, it yields no link, image or HTML, and none of Streamlit's directives survive
unescaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from markdown_it import MarkdownIt
from markdown_it.token import Token

_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_ACTIVE_TOKENS = {"link_open", "image", "html_inline", "html_block"}
# Unescaped: a directive other than the page's own coloured lamp (":green[●]"),
# a URL literal (GFM autolinks it), a LaTeX dollar sign.
_RAW = re.compile(r"(?<!\\):[a-z]+\[(?!●\])|https?://|www\.|(?<!\\)\$")


def _tokens(tokens: Iterable[Token]) -> Iterable[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _tokens(token.children)


def active_parts(markdown: str) -> list[str]:
    """Every link, image, HTML, directive, URL literal or formula in `markdown`."""
    found = [f"{t.type}: {t.content or t.attrs}" for t in _tokens(_PARSER.parse(markdown))
             if t.type in _ACTIVE_TOKENS]
    return found + [f"unescaped {markdown[m.start():m.end() + 24]!r}"
                    for m in _RAW.finditer(markdown)]
