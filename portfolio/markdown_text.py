"""User text inside Markdown, shown verbatim, never as markup: one rule for every place
that writes Markdown (the dashboard's pages, the Prefect UI's artifacts).

A title such as `**[click](javascript:…)**`, `![x](http://…/b.png)` or Streamlit's
`:red[…]` would become a link, an image or a colour; `literal` escapes every character
Markdown, Streamlit's directives or LaTeX give meaning, and `defused` disarms only what
makes links, images, HTML, code and directives, for sentences the core composed around
user input (error messages), so their ordinary punctuation reads as written.
"""

from __future__ import annotations

import re

# Every ASCII punctuation character may be backslash-escaped in CommonMark; these are the
# ones Markdown, Streamlit's directives (:red[…], :material/…:) or LaTeX ($) give meaning.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'])")
# What turns text into a link, an image, HTML, code, a colour, an icon or a formula.
_ACTIVE = re.compile(r"([\\`\[\]<>$])")


def literal(text: object) -> str:
    """`text` as literal Markdown: every character shows as typed."""
    return _SPECIAL.sub(r"\\\1", str(text)).replace("\n", "  \n")


def defused(text: object) -> str:
    """A sentence composed around user input, with its links, HTML, code, directives and
    formulas disarmed."""
    return _ACTIVE.sub(r"\\\1", str(text))
