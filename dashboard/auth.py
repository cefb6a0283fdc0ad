"""The sign-in gate: app.py calls `signed_in_actor` before navigation, on every run.

Signed out, a visitor sees only the sign-in page (local accounts: a form; OIDC: a button
that calls st.login). Signed in, the Actor is kept in st.session_state["actor"], where
dashboard.context.current_actor reads it for every page. Each run re-reads a local
account (a disabled user or a changed role applies at once), ends a session idle for
FAILSCALE_SESSION_IDLE_MINUTES, and holds a user with a one-time password on the
change-password form. Whatever a page shows, the core checks every use case again.

A reload or a second tab starts a new Streamlit session. For local accounts the browser
keeps the sign-in's session token in a cookie (set by a script on the next run, as
Streamlit cannot set cookies itself), and a new session without an Actor resumes from it
once (portfolio.service.sessions); signing out ends the token and clears the cookie.
"""

from __future__ import annotations

import json
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import streamlit as st

from dashboard.context import ACTOR, database, settings
from dashboard.feedback import attempt, message, succeeded
from dashboard.labels import t
from dashboard.safe_text import md
from portfolio.errors import DatabaseBusy, PortfolioError
from portfolio.models import Actor
from portfolio.service.oidc import ClaimMapping, oidc_sign_in
from portfolio.service.sessions import COOKIE, SessionLimits
from portfolio.service.signin import (
    LockOut,
    SignedIn,
    idle_expired,
    keep_alive,
    resume_session,
    session_actor,
    sign_in,
    sign_out,
)
from portfolio.service.users import change_password

SOURCE = "auth_source"  # "local" or "oidc"; absent when a test put an Actor in the session
LAST_SEEN = "auth_last_seen"
MUST_CHANGE = "auth_must_change_password"
NOTICE = "auth_notice"
TOKEN = "auth_session_token"
COOKIE_TO_WRITE = "auth_cookie_to_write"  # the token to keep, or "" to forget it
RESUMED_FROM = "auth_resumed_from"  # the cookie this tab tried, so it is tried only once
LAST_TOUCH = "auth_last_touch"
ASKED_PAGE = "auth_asked_page"  # the page a signed-out visitor opened by its URL
KEEP_ALIVE_EVERY = timedelta(minutes=1)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def signed_in_actor(lang: str) -> Actor:
    """The signed-in Actor; otherwise render the sign-in page and stop this run."""
    config = settings()
    if config.auth_mode == "none":
        st.sidebar.caption(f":material/lock_open: {t('no_auth_mode', lang)}")
        actor = st.session_state.get(ACTOR)
        if not isinstance(actor, Actor):
            actor = Actor.operator().model_copy(update={"username": "dashboard"})
            st.session_state[ACTOR] = actor
        return actor
    actor = st.session_state.get(ACTOR)
    if not isinstance(actor, Actor) and config.auth_mode == "local":
        _resumed(config.session_idle_minutes, config.session_max_hours, lang)
    _write_cookie(config.session_max_hours)
    if isinstance(actor, Actor):
        now = _now()
        if idle_expired(st.session_state.get(LAST_SEEN), now, config.session_idle_minutes):
            _end(actor, idle=True)
            st.session_state[NOTICE] = t("session_expired", lang,
                                         minutes=config.session_idle_minutes)
        elif (current := _still_valid(actor, lang)) is not None:
            st.session_state[LAST_SEEN] = now
            _keep_alive(now)
            if st.session_state.get(MUST_CHANGE):
                _change_password_page(current, lang)
                st.stop()
            return current
    _remember_asked_page()
    _sign_in_page(lang)
    st.stop()


def _remember_asked_page() -> None:
    """The page a signed-out visitor asked for by URL (/organisation), so signing in takes
    her there rather than to the board; the first ask counts (a rerun keeps it)."""
    url = st.context.url
    if isinstance(url, str) and ASKED_PAGE not in st.session_state:
        st.session_state[ASKED_PAGE] = urlsplit(url).path.rstrip("/").rpartition("/")[2]


def asked_page() -> str | None:
    """The url_path asked for before sign-in, once; the app goes there if she may."""
    return st.session_state.pop(ASKED_PAGE, None) or None


def _resumed(idle_minutes: int, max_hours: int, lang: str) -> None:
    """A new tab of a signed-in browser: sign in as the cookie's session, if it lives, and
    run again."""
    token = st.context.cookies.get(COOKIE)
    if not isinstance(token, str) or st.session_state.get(RESUMED_FROM) == token:
        return  # (under AppTest the cookies are a mock)
    st.session_state[RESUMED_FROM] = token
    signed = attempt(lambda: resume_session(database(), token,
                                            SessionLimits(idle_minutes, max_hours)), lang)
    if signed is None:
        st.session_state[COOKIE_TO_WRITE] = ""
        return
    _begin(signed, "local")
    st.rerun()  # this run chose its language before anyone was signed in


def _keep_alive(now: datetime) -> None:
    """Tell the store the session is in use, so a reload within the idle time resumes it."""
    token = st.session_state.get(TOKEN)
    last = st.session_state.get(LAST_TOUCH)
    if token and (last is None or now - last >= KEEP_ALIVE_EVERY):
        st.session_state[LAST_TOUCH] = now
        with suppress(PortfolioError):  # a busy database: the next minute will do
            keep_alive(database(), token)


def _write_cookie(max_hours: int) -> None:
    """Keep (or forget) the session token in the browser. Only our own token_urlsafe
    characters are written, JSON-quoted; SameSite=Strict, and Secure over HTTPS."""
    token = st.session_state.pop(COOKIE_TO_WRITE, None)
    if token is None:
        return
    age = max_hours * 3600 if token else 0
    st.sidebar.html(  # in the sidebar: no gap above the page's title
        "<script>document.cookie = " + json.dumps(f"{COOKIE}={token}") + " + "
        + json.dumps(f"; Path=/; Max-Age={age}; SameSite=Strict")
        + " + (location.protocol === 'https:' ? '; Secure' : '');</script>",
        unsafe_allow_javascript=True,
    )


def _still_valid(actor: Actor, lang: str) -> Actor | None:
    """The session's Actor as the store has it now; None (signed out) when it is gone."""
    source = st.session_state.get(SOURCE)
    if source == "oidc" and not st.user.is_logged_in:
        _forget()
        return None
    if source != "local":
        return actor
    try:
        fresh = session_actor(database(), actor.username, st.session_state.get(TOKEN))
    except DatabaseBusy:
        return actor  # the page's own use cases will say so; stay signed in
    except PortfolioError as exc:
        _forget()
        st.session_state[COOKIE_TO_WRITE] = ""
        st.session_state[NOTICE] = f"{t('account_gone', lang)} {message(exc, lang)}"
        return None
    if fresh is None:  # signed out in another tab, or the password was reset
        _forget()
        st.session_state[COOKIE_TO_WRITE] = ""
        st.session_state[NOTICE] = t("session_ended", lang)
        return None
    st.session_state[ACTOR] = fresh
    return fresh


def _begin(signed: SignedIn, source: str) -> None:
    st.session_state[ACTOR] = signed.actor
    st.session_state[SOURCE] = source
    st.session_state[LAST_SEEN] = _now()
    st.session_state[MUST_CHANGE] = signed.must_change_password
    st.session_state["lang"] = signed.actor.language
    if signed.session:
        st.session_state[TOKEN] = signed.session


def _start(signed: SignedIn, source: str) -> None:
    _begin(signed, source)
    if signed.session:
        st.session_state[COOKIE_TO_WRITE] = signed.session
    st.rerun()


def _forget() -> None:
    for key in (ACTOR, SOURCE, LAST_SEEN, MUST_CHANGE, TOKEN, LAST_TOUCH):
        st.session_state.pop(key, None)


def _end(actor: Actor, *, idle: bool) -> bool:
    """End the session; True when the browser is sent on to the provider's sign-out."""
    source = st.session_state.get(SOURCE)
    token = st.session_state.get(TOKEN)
    _forget()
    if token:
        st.session_state[COOKIE_TO_WRITE] = ""
    attempt(lambda: sign_out(database(), actor, idle=idle, session=token), "en")
    if source == "oidc":
        st.logout()
        return True
    return False


def sign_out_button(actor: Actor, lang: str) -> None:
    """In the sidebar: end the session now (an OIDC session at the provider too)."""
    if settings().auth_mode != "none" and st.button(t("sign_out", lang), key="sign_out",
                                                     icon=":material/logout:"):
        if _end(actor, idle=False):
            # The redirect to the provider is queued for the browser: end this run so it
            # is sent. A rerun here started a new run that could drop it unsent, and the
            # click then signed out of the dashboard only (seen under load, CI).
            st.stop()
        st.session_state[NOTICE] = t("signed_out", lang)
        st.rerun()


def _sign_in_page(lang: str) -> None:
    st.title(t("sign_in_title", lang))
    if notice := st.session_state.pop(NOTICE, None):
        st.info(md(notice), icon=":material/info:")
    config = settings()
    if config.auth_mode == "oidc":
        _oidc_sign_in(lang)
        return
    with st.form("sign_in"):
        username = st.text_input(t("username", lang), key="sign_in_username",
                                 autocomplete="username")
        password = st.text_input(t("password", lang), type="password",
                                 key="sign_in_password", autocomplete="current-password")
        submitted = st.form_submit_button(t("sign_in", lang), type="primary")
    if submitted:
        lock_out = LockOut(config.signin_max_failures, config.signin_lockout_minutes)
        limits = SessionLimits(config.session_idle_minutes, config.session_max_hours)
        signed = attempt(lambda: sign_in(database(), username, password, lock_out, limits),
                         lang)
        if signed is not None:
            _start(signed, "local")


def _oidc_sign_in(lang: str) -> None:
    provider = settings().oidc_provider or None
    if not st.user.is_logged_in:
        if st.button(t("sign_in_with", lang), type="primary", icon=":material/login:"):
            st.login(provider) if provider else st.login()
        return
    mapping = ClaimMapping.from_settings(settings())
    signed = attempt(lambda: oidc_sign_in(database(), st.user.to_dict(), mapping), lang)
    if signed is not None:
        _start(signed, "oidc")
    elif st.button(t("sign_out", lang), key="oidc_refused_sign_out"):
        st.logout()


def _change_password_page(actor: Actor, lang: str) -> None:
    minimum = settings().password_min_length
    st.title(t("change_password_title", lang))
    st.caption(t("change_password_intro", lang, n=minimum))
    with st.form("change_password"):
        current = st.text_input(t("current_password", lang), type="password",
                                key="current_password", autocomplete="current-password")
        new = st.text_input(t("new_password", lang), type="password", key="new_password",
                            autocomplete="new-password")
        again = st.text_input(t("repeat_password", lang), type="password",
                              key="repeat_password", autocomplete="new-password")
        slot = st.empty()
        submitted = st.form_submit_button(t("change_password", lang), type="primary")
    if not submitted:
        return
    if new != again:
        slot.error(t("passwords_differ", lang))
        return

    def change() -> None:
        with database().transaction() as store:
            change_password(store, actor, current, new, min_length=minimum)

    if succeeded(change, lang, {"password": slot, "current_password": slot}):
        st.session_state[MUST_CHANGE] = False
        st.rerun()
