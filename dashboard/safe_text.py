"""User text inside Markdown: shown verbatim, never as markup.

Streamlit renders Markdown (not raw HTML: no page passes unsafe_allow_html) in st.markdown,
st.caption, st.title and the alert boxes. A title such as `**[click](javascript:…)**` or
`:red[…]` would still become a link or a colour there, so every piece of user text that
goes into those calls goes through `md` first; an evaluation's reasons are rendered with
`md` applied to their parameters (`Reason.render(lang, md)`). Tables (st.dataframe) show
plain text. The rule itself is the core's (portfolio/markdown_text.py), shared with the
Prefect artifacts.
"""

from __future__ import annotations

from portfolio.markdown_text import defused as _defused
from portfolio.markdown_text import literal


def md(text: object) -> str:
    """`text` as literal Markdown: every character shows as typed."""
    return literal(text)


def defused(text: object) -> str:
    """A sentence composed by the core around user input (an error message): its links,
    HTML, code and directives are disarmed while ordinary punctuation reads as written."""
    return _defused(text)
