"""The sidebar profile picker (pick or create a name) and the store's status banner.

Personal mode: the chosen profile lives in `st.session_state["profile"]`; a link may name one (`?profile=NAME`), and
the browser remembers the last one chosen (a cookie, `ui.prefs`), so another page, a reload or a new tab keeps it.
With no profile yet, answers go to a default profile; with exactly one, it is chosen automatically. With several
and none picked, attempts wait in `st.session_state` (`PENDING_KEY`) and are saved to the profile picked next.

Class mode: the profile is the signed-in account, nothing else (`?profile=` and the cookie are ignored), and no
picker lists anyone (`ui.auth`).
"""
from __future__ import annotations

import time
import weakref

import streamlit as st

from store import get_store, normalise_profile_name
from ui.auth_config import class_mode
from ui.i18n import lang, t
from ui import prefs

PROFILE_KEY = "profile"
PENDING_KEY = "profile-pending-attempts"
DEFAULT_PROFILE = "learner"   # the profile's key; shown in the learner's language (progress.profile.default)
_NEW = "\x00new"
_CHOSEN_INLINE = "profile-inline-chosen"
_SELECT_KEY = "profile-select"


def _choose(name: str) -> None:
    st.session_state[PROFILE_KEY] = name
    st.query_params[PROFILE_KEY] = name
    save_pending_attempts(name)


def keep_pending_attempt(fields: dict) -> None:
    """Remember an attempt (the `store.Attempt` fields but `profile`) until a profile is picked."""
    st.session_state.setdefault(PENDING_KEY, []).append(dict(fields))


def pending_attempts() -> int:
    """How many attempts this browser session holds that no profile has received yet."""
    return len(st.session_state.get(PENDING_KEY, []))


def save_pending_attempts(profile: str) -> int:
    """Record the attempts kept while no profile was chosen for ``profile``; returns how many were saved."""
    from store import Attempt

    pending = st.session_state.get(PENDING_KEY, [])
    saved = 0
    while pending:
        get_store().record_attempt(Attempt(profile=profile, **pending[0]))
        profile_written(profile)
        pending.pop(0)
        saved += 1
    return saved


def profile_label(name: str) -> str:
    """A profile's name as shown: the default profile in the learner's language, any other as it was typed."""
    return t("progress.profile.default") if name == DEFAULT_PROFILE else name


def _valid(name: str | None) -> str:
    try:
        return normalise_profile_name(name or "")
    except ValueError:
        return ""


def profile_names() -> list[str]:
    """The store's profile names. Every run asks (the sidebar's picker, the profile used when none was chosen), so
    they are read from the store at most every `NAMES_TTL_SECONDS` per process, and at once after this process
    saves a profile it did not know: a profile made in another tab shows up at the next click."""
    store = get_store()
    kept = _names_read.get(store)
    if kept is None or time.monotonic() - kept[0] > NAMES_TTL_SECONDS:
        kept = (time.monotonic(), tuple(store.profiles()))
        _names_read[store] = kept
    return list(kept[1])


NAMES_TTL_SECONDS = 2.0
_names_read: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()   # store → (read at, names)


def profile_written(name: str) -> None:
    """Say that something was saved for profile `name` (which makes it exist): `profile_names` reads the names
    again if it did not know it."""
    store = get_store()
    kept = _names_read.get(store)
    if kept is not None and name not in kept[1]:
        _names_read.pop(store, None)   # another run may have dropped it already


def _automatic() -> str:
    """The profile used when none was chosen: the only one, the default one when there is none, else ""."""
    names = profile_names()
    if len(names) == 1:
        return names[0]
    return DEFAULT_PROFILE if not names else ""


def current_profile() -> str:
    """The learner's profile name; "" while several exist and none has been picked (personal mode) or for a visitor
    who has not signed in (class mode)."""
    if class_mode():
        from ui.auth import signed_in

        account = signed_in()
        return account.name if account is not None else ""
    chosen = st.session_state.get(PROFILE_KEY)
    if chosen:
        return chosen
    kept = _valid(st.query_params.get(PROFILE_KEY)) or _valid(prefs.remembered(prefs.PROFILE_COOKIE))
    if kept:
        st.session_state[PROFILE_KEY] = kept
        return kept
    return _automatic()


def _create(prefix: str = "profile", inline: bool = False) -> None:
    """Callback of a Create button (the sidebar's, or with `inline` the practice panel's): make the profile typed
    into `{prefix}-name`/`{prefix}-new-name` current, or flag `{prefix}-bad-name` to say why not."""
    name_key = f"{prefix}-name" if inline else f"{prefix}-new-name"
    try:
        name = normalise_profile_name(st.session_state.get(name_key, ""))
    except ValueError:
        st.session_state[f"{prefix}-bad-name"] = True
        return
    get_store().create_profile(name)
    profile_written(name)
    st.session_state[_SELECT_KEY] = name          # the picker shows the new profile, not "New profile…"
    st.session_state[name_key] = ""
    _choose(name)
    if inline:
        st.session_state[_CHOSEN_INLINE] = True


def _picked() -> None:
    """Callback of the select box."""
    value = st.session_state.get(_SELECT_KEY)
    if value and value != _NEW:
        _choose(value)


def _picked_inline() -> None:
    """Callback of the practice panel's own profile picker."""
    value = st.session_state.get("profile-inline-select")
    if value:
        st.session_state[_SELECT_KEY] = value
        _choose(value)
        st.session_state[_CHOSEN_INLINE] = True


def needs_profile_notice() -> bool:
    """Whether `unsaved_progress_notice` has anything to do this run (a profile just picked in it, or none chosen)."""
    return _CHOSEN_INLINE in st.session_state or not current_profile()


def unsaved_progress_notice() -> None:
    """While several profiles exist and none is picked: say answers are not saved yet, and offer to pick or create
    one right here (the attempts made meanwhile are kept and saved to it)."""
    if st.session_state.pop(_CHOSEN_INLINE, False):
        st.rerun()   # the whole app, so the sidebar shows the profile just picked
    if current_profile():
        return
    kept = pending_attempts()
    st.warning(t("progress.profile.not_saved") + (" " + t("progress.profile.kept", n=kept) if kept else ""),
               icon="💾")
    pick, name, create = st.columns([3, 3, 1], vertical_alignment="bottom")
    with pick:
        st.selectbox(t("progress.profile.pick"), profile_names(), index=None,
                     placeholder=t("progress.profile.placeholder"), key="profile-inline-select",
                     on_change=_picked_inline)
    with name:
        st.text_input(t("progress.profile.name"), key="profile-inline-name", max_chars=40)
    with create:
        st.button(t("progress.profile.create"), key="profile-inline-create", on_click=_create,
                  args=("profile-inline", True), width="stretch")
    if st.session_state.pop("profile-inline-bad-name", False):
        st.error(t("progress.profile.bad_name"))


def store_status_banner() -> None:
    """A warning in the learner's language when progress is not (all) being saved."""
    status = get_store().status
    if status.degraded:
        st.warning(status.message.get(lang()) or status.message["en"], icon="⚠️")


def profile_sidebar() -> None:
    """Draw the profile picker and the store status banner in the sidebar."""
    current = current_profile()
    names = profile_names()
    options = names + ([current] if current and current not in names else [])
    if st.session_state.get(_SELECT_KEY) not in options + [_NEW]:   # first run, or a profile chosen elsewhere
        st.session_state[_SELECT_KEY] = current if current in options else _NEW
    labels = {v: t("progress.profile.new") if v == _NEW else profile_label(v) for v in options + [_NEW]}
    with st.sidebar:
        choice = st.selectbox(f"👤 {t('progress.profile.pick')}", options + [_NEW], format_func=labels.__getitem__,
                              key=_SELECT_KEY, on_change=_picked, help=t("progress.profile.help"))
        if choice == _NEW or not options:
            st.text_input(t("progress.profile.name"), key="profile-new-name", max_chars=40)
            st.button(t("progress.profile.create"), key="profile-create", on_click=_create)
            if st.session_state.pop("profile-bad-name", False):
                st.error(t("progress.profile.bad_name"))
        store_status_banner()
    if current:
        prefs.remember(prefs.PROFILE_COOKIE, current, default=_automatic())
