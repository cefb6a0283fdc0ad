"""Entry point: `streamlit run dashboard/app.py`. Navigation only."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard.context import language
from dashboard.labels import t

HERE = Path(__file__).parent

st.set_page_config(page_title="Fail or Scale", page_icon="🧭", layout="wide")

lang = language()
with st.sidebar:
    choice = st.radio(
        t("language", lang), ["en", "da"], index=0 if lang == "en" else 1, horizontal=True,
        format_func=lambda code: {"en": "English", "da": "Dansk"}[code], key="lang_choice",
    )
    if choice != lang:
        st.session_state["lang"] = choice
        st.rerun()

pages = [
    st.Page(str(HERE / "app_pages" / "board.py"), title=t("board", lang), icon="🧭",
            url_path="board", default=True),
    st.Page(str(HERE / "app_pages" / "initiative.py"), title=t("initiative", lang), icon="📄",
            url_path="initiative"),
]
st.navigation(pages).run()
