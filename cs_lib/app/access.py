"""Access control in the app: the participant's way in, and the passcode gate on a network.

The entry point asks, before drawing anything:
1. Is this a workshop participant (the link carries `?code=`)? Then the only page is the
   scoring form, with no sidebar and no menu, whatever the URL path.
2. Is the app reachable from a network (served on a non-loopback address, or
   CS_COCKPIT_NETWORK=1)? Then every page waits for the access passcode, checked against the
   salted hash stored in the settings; once given, it holds for this browser session.
On 127.0.0.1 neither question stops anyone: only this computer can open the app.
"""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

import streamlit as st

from cs_lib.access import network_mode, verify_passcode
from cs_lib.app.queries import query
from cs_lib.present.i18n import LANGUAGES, default_language, t
from cs_lib.settings import DEFAULTS, load_settings
from cs_lib.warehouse import warehouse_path

JOIN_CODE_KEY = "code"
WRONG_PASSCODE_PAUSE_SECONDS = 1.0
_GRANTED_KEY = "_access_granted"


def is_participant() -> bool:
    return bool(st.query_params.get(JOIN_CODE_KEY, "").strip())


def run_participant_form() -> None:
    """Only the form page exists for a participant: any URL path lands on it, and nothing else can be opened."""
    title = t("join.title", request_language())
    st.navigation(_one_page_under_any_path("app_pages/workshop/join.py", title), position="hidden").run()


def _one_page_under_any_path(page, title: str) -> list:
    """The same page as the default (the root URL) and under the path this browser asked for.

    Streamlit shows a "Page not found" dialog over the page when the URL's path names no page of
    the navigation; a participant's `/join?code=…` or a locked `/maturity` would get that dialog
    in front of the form. Registering the one page under the requested path too avoids it.
    """
    pages = [st.Page(page, title=title, url_path="start", default=True)]
    requested = _requested_path()
    if requested:
        pages.append(st.Page(page, title=title, url_path=requested, visibility="hidden"))
    return pages


def _requested_path() -> str:
    """The last segment of this browser's URL path, if it is a plain page name (else "")."""
    path = urlsplit(st.context.url or "").path.rstrip("/").rsplit("/", 1)[-1]
    return path if re.fullmatch(r"[A-Za-z0-9_-]{1,64}", path) and path != "start" else ""


def request_language() -> str:
    """`?lang=` when valid, else the browser's locale (Japanese by default)."""
    asked = st.query_params.get("lang")
    return asked if asked in LANGUAGES else default_language(st.context.locale)


def is_network_mode() -> bool:
    return network_mode(st.get_option("server.address"))


def require_access() -> None:
    """On a network, stop the run with the passcode screen until this session has given the passcode,
    or, when the company's single sign-on is configured, until the user has signed in through it."""
    if not is_network_mode():
        return
    if sso_configured():
        if not st.user.get("is_logged_in", False):  # absent until a provider answered
            st.navigation(_one_page_under_any_path(_sign_in_screen, "CS Cockpit"), position="hidden").run()
            st.stop()
        return
    if st.session_state.get(_GRANTED_KEY):
        return
    st.navigation(_one_page_under_any_path(_passcode_screen, "CS Cockpit"), position="hidden").run()
    st.stop()


def sso_configured() -> bool:
    """Whether `.streamlit/secrets.toml` configures an OpenID Connect provider (`[auth]`, see README)."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets file at all
        return False


def _sign_in_screen() -> None:
    lang = request_language()
    st.title(t("access.title_sso", lang))
    st.write(t("access.prompt_sso", lang))
    st.button(t("access.sign_in", lang), on_click=st.login, type="primary", key="sign_in")


def _stored_passcode_hash() -> str:
    if not warehouse_path().exists():
        return ""
    try:
        return query(load_settings).access_passcode
    except Exception:  # noqa: BLE001 - an unreadable warehouse opens nothing, like a missing passcode
        return DEFAULTS.access_passcode


def _passcode_screen() -> None:
    lang = request_language()
    st.title(t("access.title", lang))
    stored = _stored_passcode_hash()
    if not stored:
        st.error(t("access.not_set", lang), icon=":material/lock:")
        return
    with st.form("access_form"):
        st.write(t("access.prompt", lang))
        passcode = st.text_input(t("access.passcode", lang), type="password", key="access_passcode")
        entered = st.form_submit_button(t("access.enter", lang))
    if entered:
        if verify_passcode(passcode, stored):
            st.session_state[_GRANTED_KEY] = True
            st.rerun()
        time.sleep(WRONG_PASSCODE_PAUSE_SECONDS)  # guessing costs time (scrypt already makes each check slow)
        st.error(t("access.wrong", lang), icon=":material/lock:")
