"""User text inside Markdown: shown verbatim, never as markup.

Streamlit renders Markdown (not raw HTML: no page passes unsafe_allow_html) in st.markdown,
st.caption, st.title and the alert boxes. A title such as `**[click](javascript:…)**` or
`:red[…]` would still become a link or a colour there, so every piece of user text that
goes into those calls goes through `md` first. Tables (st.dataframe) show plain text.
"""

from __future__ import annotations

import re

# Every ASCII punctuation character may be backslash-escaped in CommonMark; these are the
# ones Markdown, Streamlit's directives (:red[…], :material/…:) or LaTeX ($) give meaning.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'])")


def md(text: object) -> str:
    """`text` as literal Markdown: every character shows as typed."""
    return _SPECIAL.sub(r"\\\1", str(text)).replace("\n", "  \n")


# What turns text into a link, an image, HTML, code, a colour or an icon.
_ACTIVE = re.compile(r"([\\`\[\]<>])")


def defused(text: object) -> str:
    """A sentence composed by the core around user input (an error message): its links,
    HTML, code and directives are disarmed while ordinary punctuation reads as written."""
    return _ACTIVE.sub(r"\\\1", str(text))
