"""Entry point: `streamlit run dashboard/app.py`. Frame and navigation only.

Pages the signed-in user may not use are not offered; the core refuses them anyway.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import data
from dashboard.accessibility import accessible_styles, page_language
from dashboard.auth import asked_page, sign_out_button, signed_in_actor
from dashboard.context import ACTOR, LANGUAGES, database, language
from dashboard.feedback import show_flash, told_on_the_page
from dashboard.labels import enum_label, t
from dashboard.safe_text import md
from dashboard.status import status_line
from portfolio import texts
from portfolio.errors import PortfolioError
from portfolio.models import Actor
from portfolio.service.access import Permission, can
from portfolio.service.users import set_own_language

PAGES = Path(__file__).parent / "app_pages"
# Each language by its own name, whatever the page's language.
LANGUAGE_NAMES = {lang: texts.text(f"language.{lang}", lang) for lang in LANGUAGES}

st.set_page_config(page_title="Fail or Scale", page_icon=":material/explore:", layout="wide")
accessible_styles()
data.new_page_run()  # what other processes wrote since the last run shows in this one



def _switch_language() -> None:
    """The user's choice, for this session and (signed in) for the account (#13)."""
    chosen = st.session_state["lang_choice"]
    st.session_state["lang"] = chosen
    actor = st.session_state.get(ACTOR)
    if isinstance(actor, Actor) and actor.language != chosen:
        try:
            with database().transaction() as store:
                set_own_language(store, actor, chosen)
        except PortfolioError:
            return  # the session keeps the choice; the account keeps its old one
        st.session_state[ACTOR] = actor.model_copy(update={"language": chosen})


lang = language()
st.session_state["lang_choice"] = lang
with st.sidebar:
    st.radio(t("word.language", lang), LANGUAGES, horizontal=True, key="lang_choice",
             format_func=LANGUAGE_NAMES.__getitem__, on_change=_switch_language)
page_language(lang)


def page(name: str, title: str, icon: str, *, default: bool = False) -> st.Page:
    return st.Page(str(PAGES / f"{name}.py"), title=t(title, lang), icon=icon, url_path=name,
                   default=default)


def offered(actor: Actor) -> list[st.Page]:
    """The pages `actor` may use; the core refuses the others anyway."""
    pages = [page("board", "board", ":material/dashboard:", default=True)]
    if can(actor, Permission.EDIT_INITIATIVE):
        pages.append(page("register", "register", ":material/edit_note:"))
    pages += [
        page("initiative", "word.initiative", ":material/description:"),
        page("steering", "steering", ":material/gavel:"),
        page("lessons", "lessons_page", ":material/lightbulb:"),
    ]
    if can(actor, Permission.ADMIN_POLICY):
        pages.append(page("policy", "policy", ":material/tune:"))
    if can(actor, Permission.ADMIN_USERS):
        pages.append(page("users", "users", ":material/manage_accounts:"))
    if can(actor, Permission.ADMIN_ORGANISATION):
        pages.append(page("organisation", "word.organisation", ":material/account_tree:"))
    return pages


# Every read below may meet a busy database: told in words, never a traceback.
with told_on_the_page(lang):
    actor = signed_in_actor(lang)  # the sign-in gate (#5): signed out, the run stops here
    with st.sidebar:
        st.caption(t("signed_in_as", lang, user=md(actor.username),
                     role=enum_label(actor.role, lang)))
        sign_out_button(actor, lang)
        status_line(lang)
    pages = offered(actor)
    navigation = st.navigation(pages)
    # Opened by URL before signing in: go where she asked, if her role shows that page.
    asked = asked_page()
    target = next((p for p in pages if asked and p.url_path == asked), None)
    if target is not None and target.url_path != navigation.url_path:
        st.switch_page(target)
    show_flash()
    navigation.run()
