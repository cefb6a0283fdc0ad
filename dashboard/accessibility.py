"""What the dashboard adds to Streamlit's own page so it meets WCAG 2.1 AA (docs/accessibility.md).

Streamlit draws captions (`st.caption`: "signed in as", the status line, every page's
small print) and Markdown quotes (the lessons) at opacity 0.6: #7f7e7d on the sidebar's
#f8f8f7 is 3.8:1, below the 4.5:1 of WCAG 1.4.3 (found by axe-core,
tests/e2e/test_accessibility.py). No theme option sets it, so one rule draws them at 75 %
of the text colour instead: about 6:1 on white and on the sidebar, still lighter than
body text, and relative to the text colour, so a dark theme keeps them readable too.

Streamlit's page also always says `<html lang="en">`, so a screen reader reads Danish
pages with English pronunciation (WCAG 3.1.1, which axe cannot see: it checks only that a
language is named). `page_language` names the language the page is shown in.
"""

from __future__ import annotations

import json

import streamlit as st

STYLES = """<style>
.stApp [data-testid="stCaptionContainer"],
.stApp [data-testid="stMarkdownContainer"] blockquote {
  opacity: 1;
  color: color-mix(in srgb, currentColor 75%, transparent);
}
.stApp [data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > script:only-child) {
  display: none;  /* a script alone (page_language, the sign-in cookie) takes no space */
}
</style>"""


def accessible_styles() -> None:
    """Once per run, before anything else is drawn (a style-only st.html takes no space)."""
    st.html(STYLES)


def page_language(lang: str) -> None:
    """Set <html lang> to the page's language, in the sidebar (no gap above the title).
    `lang` is one of dashboard.context.LANGUAGES, JSON-quoted all the same."""
    st.sidebar.html(f"<script>document.documentElement.lang = {json.dumps(lang)};</script>",
                    unsafe_allow_javascript=True)
