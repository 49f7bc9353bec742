"""The instructor page's Accounts tab (class mode): add students (join codes or first passwords), see every
account, and for one account a new join code, switch off/on, make instructor/learner, sign out everywhere.
Logic lives in `classroom.accounts` and `store.accounts`; widget keys start with `accounts-`."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from classroom.accounts import add_students, codes_csv, read_roster
from store.accounts import JOIN_CODE_DAYS, AccountError, AccountsUnavailable
from ui.auth import signed_in
from ui.i18n import t

RESULTS_KEY = "accounts-results"
NOTICE_KEY = "accounts-notice"


def _accounts():
    from store import get_accounts

    return get_accounts()


def _add_students() -> None:
    st.markdown(f"**{t('auth.accounts.add')}**")
    st.caption(t("auth.accounts.add_help"))
    text = st.text_area(t("auth.accounts.roster"), key="accounts-roster", placeholder="Ann Lee\n王芳\nBo Li, first-pass-1")
    upload = st.file_uploader(t("auth.accounts.csv"), type=["csv", "txt"], key="accounts-roster-file")
    if st.button(t("auth.accounts.create"), key="accounts-create", type="primary", icon="➕"):
        roster = read_roster(text or "")
        if upload is not None:
            roster += read_roster(upload.getvalue().decode("utf-8-sig", errors="replace"))
        st.session_state[RESULTS_KEY] = add_students(_accounts(), roster)
    results = st.session_state.get(RESULTS_KEY)
    if not results:
        return
    created = sum(r.status == "created" for r in results)
    st.success(t("auth.accounts.created", created=created, skipped=len(results) - created), icon="🎟️")
    st.dataframe(pd.DataFrame([{
        t("auth.col.name"): r.name,
        t("auth.col.result"): t("auth.result.created") if r.status == "created" else t(f"auth.error.{r.status}", n=8),
        t("auth.col.code"): r.join_code or "",
    } for r in results]), hide_index=True, width="stretch")
    st.download_button(t("auth.accounts.download"), codes_csv(results), file_name="join-codes.csv", mime="text/csv",
                       key="accounts-codes-csv", icon="⬇️", on_click="ignore")


def _account_table(accounts: list) -> None:
    st.markdown(f"**{t('auth.accounts.list')}**")
    if not accounts:
        st.caption(t("auth.accounts.none"))
        return
    st.dataframe(pd.DataFrame([{
        t("auth.col.name"): a.name,
        t("auth.col.role"): t(f"auth.role.{a.role}"),
        t("auth.col.password"): "✅" if a.has_password else "—",
        t("auth.col.provider"): "✅" if a.oidc_subject else "—",
        t("auth.col.last"): a.last_sign_in.strftime("%Y-%m-%d %H:%M") if a.last_sign_in else "—",
        t("auth.col.status"): t("auth.status.off") if a.disabled else t("auth.status.on"),
    } for a in accounts]), hide_index=True, width="stretch")


def _act(action: str, name: str) -> None:
    """Button callback: one action on the account `name` (never on one's own account: no lock-out by mistake)."""
    accounts = _accounts()
    me = signed_in()
    if me is not None and me.name == name and action in ("disable", "learner"):
        st.session_state[NOTICE_KEY] = ("error", t("auth.accounts.not_yourself"))
        return
    try:
        if action == "code":
            code = accounts.issue_join_code(name)
            st.session_state[NOTICE_KEY] = ("success", t("auth.accounts.new_code_done", name=name, code=code,
                                                         days=JOIN_CODE_DAYS))
            return
        if action in ("disable", "enable"):
            accounts.set_disabled(name, action == "disable")
        elif action in ("instructor", "learner"):
            accounts.set_role(name, action)
        elif action == "sign-out":
            accounts.end_all_sessions(name)
        st.session_state[NOTICE_KEY] = ("success", t("auth.accounts.done"))
    except AccountError as error:
        st.session_state[NOTICE_KEY] = ("error", t(f"auth.error.{error.code}", n=8))
    except AccountsUnavailable:
        st.session_state[NOTICE_KEY] = ("error", t("auth.error.unavailable"))


def _manage(accounts: list) -> None:
    if not accounts:
        return
    st.markdown(f"**{t('auth.accounts.manage')}**")
    by_name = {a.name: a for a in accounts}
    name = st.selectbox(t("auth.col.name"), list(by_name), key="accounts-pick")
    account = by_name[name]
    columns = st.columns(4)
    columns[0].button(t("auth.accounts.new_code"), key="accounts-new-code", icon="🎟️", on_click=_act,
                      args=("code", name), width="stretch")
    toggle = "enable" if account.disabled else "disable"
    columns[1].button(t(f"auth.accounts.{toggle}"), key="accounts-toggle", on_click=_act, args=(toggle, name),
                      width="stretch")
    role = "learner" if account.is_instructor else "instructor"
    columns[2].button(t(f"auth.accounts.make_{role}"), key="accounts-role", on_click=_act, args=(role, name),
                      width="stretch")
    columns[3].button(t("auth.accounts.sign_out_all"), key="accounts-sign-out", on_click=_act,
                      args=("sign-out", name), width="stretch")


def accounts_section() -> None:
    """The Accounts tab (only drawn in class mode, for instructors)."""
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        (st.success if notice[0] == "success" else st.error)(notice[1])
    try:
        _add_students()
        accounts = _accounts().all()
    except AccountsUnavailable:
        st.error(t("auth.error.unavailable"))
        return
    _account_table(accounts)
    _manage(accounts)
