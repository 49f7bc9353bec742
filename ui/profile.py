"""The sidebar profile picker (pick or create a name) and the store's status banner.

The chosen profile lives in `st.session_state["profile"]` and in the URL (`?profile=NAME`) so a refresh keeps it.
With no profile yet, answers go to a default profile; with exactly one, it is chosen automatically.
"""
from __future__ import annotations

import streamlit as st

from store import get_store, normalise_profile_name
from ui.i18n import lang, t

PROFILE_KEY = "profile"
DEFAULT_PROFILE = "learner"
_NEW = "\x00new"


def _choose(name: str) -> None:
    st.session_state[PROFILE_KEY] = name
    st.query_params[PROFILE_KEY] = name


def current_profile() -> str:
    """The learner's profile name; "" while several exist and none has been picked."""
    chosen = st.session_state.get(PROFILE_KEY)
    if chosen:
        return chosen
    try:
        from_url = normalise_profile_name(st.query_params.get(PROFILE_KEY, ""))
    except ValueError:
        from_url = ""
    if from_url:
        st.session_state[PROFILE_KEY] = from_url
        return from_url
    names = get_store().profiles()
    if len(names) == 1:
        return names[0]
    return DEFAULT_PROFILE if not names else ""


def _create() -> None:
    """Callback of the Create button: make the typed profile current, or say why not."""
    try:
        name = normalise_profile_name(st.session_state.get("profile-new-name", ""))
    except ValueError:
        st.session_state["profile-bad-name"] = True
        return
    get_store().create_profile(name)
    st.session_state.pop("profile-select", None)
    st.session_state["profile-new-name"] = ""
    _choose(name)


def _picked() -> None:
    """Callback of the select box."""
    value = st.session_state.get("profile-select")
    if value and value != _NEW:
        _choose(value)


def store_status_banner() -> None:
    """A warning in the learner's language when progress is not (all) being saved."""
    status = get_store().status
    if status.degraded:
        st.warning(status.message.get(lang()) or status.message["en"], icon="⚠️")


def profile_sidebar() -> None:
    """Draw the profile picker and the store status banner in the sidebar."""
    store = get_store()
    current = current_profile()
    names = store.profiles()
    options = names + ([current] if current and current not in names else [])
    with st.sidebar:
        st.subheader(t("progress.profile.title"))
        choice = st.selectbox(t("progress.profile.pick"), options + [_NEW],
                              index=options.index(current) if current in options else len(options),
                              format_func=lambda v: t("progress.profile.new") if v == _NEW else v,
                              key="profile-select", on_change=_picked, help=t("progress.profile.help"))
        if choice == _NEW or not options:
            st.text_input(t("progress.profile.name"), key="profile-new-name", max_chars=40)
            st.button(t("progress.profile.create"), key="profile-create", on_click=_create)
            if st.session_state.pop("profile-bad-name", False):
                st.error(t("progress.profile.bad_name"))
        store_status_banner()
