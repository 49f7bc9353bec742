"""Class mode in the app: who is signed in, the sign-in page, the account box in the sidebar, the role checks.

`app.py` calls `current_account()` on every run in class mode. A visitor gets `sign_in_page(next_path)` and
nothing else; a signed-in person gets the pages of their role, and `current_profile()` is their account name
(the URL's `?profile=` is ignored). Who is signed in comes from, in order: this browser session (re-checked
against the database every `RECHECK_SECONDS`), the `dlmath_session` cookie (a server-side session, valid on every
replica), or a fresh sign-in with an identity provider (`st.user`, mapped to an account by `ui.auth_config`),
which is turned into a session at once. See `ui.auth_routes` for how the cookie is set.
"""
from __future__ import annotations

import time
from typing import Callable, TypeVar
from urllib.parse import urlencode

import streamlit as st

from store.accounts import Account, AccountError, AccountsUnavailable, MIN_PASSWORD
from ui.auth_config import class_mode, oidc_providers, settings
from ui.auth_routes import SESSION_COOKIE, base_path, route_url
from ui.i18n import t

ACCOUNT_KEY = "auth-account"
TOKEN_KEY = "auth-token"
CHECKED_KEY = "auth-checked"
MESSAGE_KEY = "auth-message"
RECHECK_SECONDS = 60
OIDC_FRESH_SECONDS = 300      # an identity-provider sign-in older than this must be done again
T = TypeVar("T")


def _accounts():
    from store import get_accounts

    return get_accounts()


def _cookie(name: str) -> str | None:
    try:
        value = st.context.cookies.get(name)
    except Exception:  # no browser behind this run
        return None
    return value if isinstance(value, str) else None


def signed_in() -> Account | None:
    """The account signed in in this browser session (class mode), or None."""
    return st.session_state.get(ACCOUNT_KEY)


def is_instructor() -> bool:
    """True in personal mode (everything is open on one's own machine) and for a signed-in instructor."""
    if not class_mode():
        return True
    account = signed_in()
    return account is not None and account.is_instructor


def require_signed_in() -> None:
    """Stop the page for a visitor in class mode (the app's gate shows the sign-in page before any page runs: this
    keeps a page shut even if it were run some other way)."""
    if class_mode() and signed_in() is None:
        st.info(t("auth.sign_in_first"), icon="🔐")
        st.stop()


def require_instructor() -> None:
    """Stop the page unless the person may use instructor tools (see `is_instructor`)."""
    require_signed_in()
    if not is_instructor():
        st.error(t("auth.instructor_only"), icon="🔒")
        st.stop()


def _remember(account: Account | None, token: str | None = None) -> Account | None:
    if account is None:
        for key in (ACCOUNT_KEY, TOKEN_KEY, CHECKED_KEY):
            st.session_state.pop(key, None)
        return None
    st.session_state[ACCOUNT_KEY] = account
    st.session_state[CHECKED_KEY] = time.monotonic()
    if token:
        st.session_state[TOKEN_KEY] = token
    return account


def current_account() -> Account | None:
    """Who is signed in, established once per session and re-checked every `RECHECK_SECONDS`; None for a visitor."""
    account = signed_in()
    if account is not None and time.monotonic() - st.session_state.get(CHECKED_KEY, 0.0) < RECHECK_SECONDS:
        return account
    token = st.session_state.get(TOKEN_KEY) or _cookie(SESSION_COOKIE)
    try:
        if token:
            found = _accounts().session_account(token)
            if found is not None:
                return _remember(found, token)
            if account is not None and st.session_state.get(TOKEN_KEY):
                return _remember(None)            # signed out elsewhere, expired or disabled
        if account is not None:                   # signed in in this tab, before the cookie was set
            found = _accounts().get(account.name)
            return _remember(found if found is not None and not found.disabled else None)
        return _from_identity_provider()
    except AccountsUnavailable:
        return account                            # the database is away: keep this tab as it was


def _user_claims() -> dict:
    try:
        return st.user.to_dict() if st.user.get("is_logged_in") else {}
    except Exception:
        return {}


def _from_identity_provider() -> Account | None:
    """A fresh sign-in with the identity provider becomes an account and a session (sent to the cookie route)."""
    claims = _user_claims()
    subject = str(claims.get("sub") or "")
    if not subject:
        return None
    issued = claims.get("iat")
    if isinstance(issued, (int, float)) and time.time() - float(issued) > OIDC_FRESH_SECONDS:
        return None                               # an old identity cookie: sign in again to start a session
    email = claims.get("email")
    role = settings().role_for(email, verified=claims.get("email_verified") is not False)
    if role is None:
        st.session_state[MESSAGE_KEY] = "not_allowed"
        return None
    account = _accounts().oidc_account(f"{claims.get('provider') or 'default'}|{subject}", email=email,
                                       display_name=claims.get("name"), role=role)
    if account.disabled:
        st.session_state[MESSAGE_KEY] = "disabled"
        return None
    _hand_over(account, next_path=None)
    return _remember(account)


# ----- sending the browser to the cookie route ---------------------------------------------------------------
def go_to(url: str) -> None:
    """Send the browser to `url` (a full page load), the way `st.login` does."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:
        return
    message = ForwardMsg()
    message.auth_redirect.url = url
    ctx.enqueue(message)


def _hand_over(account: Account, next_path: str | None) -> str:
    """Have the browser fetch the session cookie (then go to `next_path`); returns the URL it is sent to.
    The script run must then finish normally: a rerun now could drop the message before it is sent."""
    code = _accounts().create_handoff(account.name)
    query = {"code": code} | ({"next": next_path} if next_path else {})
    url = f"{route_url('start')}?{urlencode(query)}"
    go_to(url)
    return url


def next_path(url_path: str, query: dict[str, str]) -> str:
    """The path to come back to after signing in: the page asked for and its query (no `profile`)."""
    kept = {key: value for key, value in query.items() if key != "profile"}
    path = f"{base_path()}/{url_path}"
    return path + (f"?{urlencode(kept)}" if kept else "")


# ----- the sign-in page --------------------------------------------------------------------------------------
def _error(code: str, **fmt: object) -> None:
    st.error(t(f"auth.error.{code}", **fmt), icon="⚠️")


def _guarded(action: Callable[[], T]) -> T | None:
    """Run an accounts call; a refusal (`AccountError`) or an unreachable database is shown as an error (None)."""
    try:
        return action()
    except AccountError as error:
        _error(error.code, n=MIN_PASSWORD)
    except AccountsUnavailable:
        _error("unavailable")
    return None


def _new_password_inputs(prefix: str) -> tuple[str, str]:
    """The new password, typed twice (inside a form)."""
    first = st.text_input(t("auth.new_password", n=MIN_PASSWORD), key=f"{prefix}-new", type="password",
                          max_chars=200, autocomplete="new-password")
    again = st.text_input(t("auth.repeat"), key=f"{prefix}-repeat", type="password", max_chars=200,
                          autocomplete="new-password")
    return first, again


def _password_form(next_to: str) -> None:
    with st.form("auth-sign-in", enter_to_submit=True):
        name = st.text_input(t("auth.name"), key="auth-name", max_chars=40, autocomplete="username")
        password = st.text_input(t("auth.password"), key="auth-password", type="password", max_chars=200,
                                 autocomplete="current-password")
        submitted = st.form_submit_button(t("auth.sign_in"), type="primary", icon="🔑", key="auth-sign-in-submit")
    if not submitted:
        return
    if not name.strip() or not password:
        _error("missing")
        return
    result = _guarded(lambda: _accounts().verify_password(name, password))
    if result is None:
        return
    if result.reason == "locked":
        _error("locked", seconds=max(1, round(result.retry_after)))
    elif result.reason != "ok":
        _error(result.reason)
    else:
        _sign_in(result.account, next_to)


def _join_form(next_to: str) -> None:
    with st.form("auth-join", enter_to_submit=True):
        code = st.text_input(t("auth.code"), key="auth-code", max_chars=40, placeholder="ABCD-EFGH-JKMN")
        password, again = _new_password_inputs("auth-join")
        submitted = st.form_submit_button(t("auth.join"), type="primary", icon="🎟️", key="auth-join-submit")
    if not submitted:
        return
    if password != again:
        _error("mismatch")
        return
    account = _guarded(lambda: _accounts().redeem_join_code(code, password))
    if account is not None:
        _sign_in(account, next_to)


def _sign_in(account: Account, next_to: str) -> None:
    """Signed in: this tab at once, and the browser is on its way to the cookie route (a link if it is not)."""
    try:
        url = _hand_over(account, next_to)
    except (AccountError, AccountsUnavailable):
        _error("unavailable")
        return
    _remember(account)
    st.success(t("auth.opening", name=account.name), icon="✅")
    st.link_button(t("auth.continue"), url, icon="➡️")


def sign_in_page(next_to: str) -> None:
    """The only page a visitor sees in class mode: identity-provider buttons, name + password, or a join code."""
    st.title(t("auth.title"))
    st.caption(t("auth.intro"))
    message = st.session_state.pop(MESSAGE_KEY, None)
    if message:
        _error(message)
    providers = oidc_providers()
    for provider in providers:
        label = t("auth.provider_default") if provider == "default" else provider.capitalize()
        url = f"{route_url('oidc')}?{urlencode({'provider': provider, 'next': next_to})}"
        st.button(t("auth.provider", provider=label), key=f"auth-provider-{provider}", type="primary", icon="🏫",
                  on_click=go_to, args=(url,))       # this tab, as st.login does (a link would open a new one)
    if providers:
        st.caption(t("auth.or"))
    password_tab, join_tab = st.tabs([f"🔑 {t('auth.tab.password')}", f"🎟️ {t('auth.tab.join')}"])
    with password_tab:
        _password_form(next_to)
    with join_tab:
        st.caption(t("auth.join_help"))
        _join_form(next_to)


# ----- the account box ---------------------------------------------------------------------------------------
def _change_password() -> None:
    with st.form("auth-change", clear_on_submit=True):
        old = st.text_input(t("auth.current_password"), type="password", key="auth-old", max_chars=200,
                            autocomplete="current-password")
        new, again = _new_password_inputs("auth-change")
        submitted = st.form_submit_button(t("auth.change"), key="auth-change-submit")
    if not submitted:
        return
    if new != again:
        _error("mismatch")
        return
    account, token = signed_in(), st.session_state.get(TOKEN_KEY)
    result = _guarded(lambda: _accounts().change_password(account.name, old, new, keep_token=token))
    if result is None:
        return
    if result.reason == "ok":
        st.success(t("auth.password_changed"), icon="✅")
    elif result.reason == "locked":
        _error("locked", seconds=max(1, round(result.retry_after)))
    else:
        _error("wrong_current")


def sign_out() -> None:
    """Button callback: end the session everywhere, forget it here, clear the cookie (and the provider's)."""
    token = st.session_state.get(TOKEN_KEY)
    if token:
        try:
            _accounts().end_session(token)
        except AccountsUnavailable:
            pass
    _remember(None)
    go_to(route_url("end"))


def account_sidebar(account: Account) -> None:
    """Who is signed in, with the role; change password (password accounts); sign out."""
    with st.sidebar:
        st.subheader(t("auth.account"))
        st.markdown(t("auth.signed_in_as", name=account.name, role=t(f"auth.role.{account.role}")))
        if account.has_password:
            with st.expander(t("auth.change_password"), icon="🔒"):
                _change_password()
        st.button(t("auth.sign_out"), key="auth-sign-out", icon="🚪", on_click=sign_out)
