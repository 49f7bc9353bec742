"""In Chromium: class mode end to end, and personal mode remembering the language and profile.

- A learner opens a deep link, signs in with a password, lands on that page, keeps the sign-in across a reload
  (the HttpOnly session cookie), answers a quiz question and signs out (the cookie stops working); the instructor
  signs in and finds the learner in the quiz's results.
- Signing in with an identity provider (`st.login` against `oidc-provider-mock`, a local OpenID provider) makes
  an instructor of a configured address and returns to the page asked for.
- Personal mode: the language and a newly created profile survive a reload and a new tab.
"""
from __future__ import annotations

import re
import secrets
import time
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from e2e_support import free_port, start_app, stop_app, wait_healthy, wait_rendered

INSTRUCTOR_EMAIL = "prof@school.org"


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """A local OpenID provider with one predefined user (the instructor), on its own port."""
    oidc_provider_mock = pytest.importorskip("oidc_provider_mock")
    user = oidc_provider_mock.User(sub="prof-1", claims={"email": INSTRUCTOR_EMAIL, "email_verified": True,
                                                         "name": "Prof"})
    with oidc_provider_mock.run_server_in_thread(port=free_port(), user_claims=[user]) as server:
        yield f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="module")
def class_app(tmp_path_factory, provider) -> Iterator[str]:
    """The app in class mode on its own database (an instructor and a learner), with the provider configured."""
    from store import open_store
    from store.accounts import Accounts

    home = tmp_path_factory.mktemp("class-home")
    store = open_store(f"sqlite:///{home / 'progress.sqlite3'}")
    accounts = Accounts(store.engine)
    accounts.create("Teacher", "instructor", "teacher-pass")
    accounts.create("Ann", "learner", "ann-password")
    store.close()
    port = free_port()
    secrets_file = home / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(16)}"\n'
        'client_id = "dlmath-test"\nclient_secret = "dlmath-test-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n', encoding="utf-8")
    server = start_app(port, {"DLMATH_HOME": str(home), "DLMATH_MODE": "class",
                              "DLMATH_INSTRUCTORS": INSTRUCTOR_EMAIL},
                       args=("--secrets.files", str(secrets_file)))
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url)
        yield url
    finally:
        stop_app(server)


def sign_in(tab, name: str, password: str) -> None:
    tab.get_by_label("Name", exact=True).fill(name)
    tab.get_by_label("Password", exact=True).fill(password)
    tab.get_by_role("button", name="Sign in", exact=True).click()


def wait_for_session(tab, timeout_s: float = 30.0) -> dict:
    """The session cookie, once the sign-in route has set it (the browser goes there right after signing in)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = {c["name"]: c for c in tab.context.cookies()}.get("dlmath_session")
        if found:
            return found
        tab.wait_for_timeout(200)
    raise AssertionError("no session cookie was set")


def sidebar_text(tab) -> str:
    return tab.locator("[data-testid='stSidebar']").inner_text()


def test_sign_in_quiz_and_the_instructors_results(page, class_app):
    tab, context = page, page.context
    tab.goto(f"{class_app}/quiz")
    tab.get_by_text("Sign in to DL Math Lab").wait_for()
    assert "Quiz" not in tab.locator("[data-testid='stMain'] h1").inner_text()
    sign_in(tab, "ann", "ann-password")
    cookie = wait_for_session(tab)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    tab.wait_for_url(f"{class_app}/quiz", timeout=30_000)              # back to the page asked for
    tab.locator("h1", has_text="Quiz").wait_for()
    tab.reload()                                                        # the session survives a reload
    tab.locator("h1", has_text="Quiz").wait_for()
    assert "Signed in as Ann" in sidebar_text(tab) and "Instructor tools" not in sidebar_text(tab)

    tab.get_by_role("tab", name="From a quiz file").click()
    tab.get_by_role("button", name="Start the quiz").last.click()
    answer = tab.locator("[data-testid='stMain'] [data-testid='stTextInput'] input").first
    answer.fill("1")
    tab.get_by_role("button", name="Submit").first.click()
    tab.get_by_text(re.compile("Attempts left|attempts left|Correct|Not quite|not right", re.I)).first.wait_for()

    tab.get_by_role("button", name="Sign out").click()
    tab.get_by_text("Sign in to DL Math Lab").wait_for()
    assert "dlmath_session" not in {c["name"] for c in context.cookies()}
    tab.goto(f"{class_app}/progress")
    tab.get_by_text("Sign in to DL Math Lab").wait_for()                # signed out for good

    sign_in(tab, "Teacher", "teacher-pass")
    wait_for_session(tab)
    tab.locator("h1", has_text="My progress").wait_for()
    tab.goto(f"{class_app}/instructor")
    tab.get_by_role("tab", name=re.compile("Results")).click()
    csv_button = tab.locator("[data-testid='stDownloadButton'] button:visible", has_text="CSV")
    csv_button.wait_for(timeout=30_000)
    assert "No answers recorded" not in tab.locator("[data-testid='stMain']").inner_text()
    with tab.expect_download() as download:
        csv_button.click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("student") and any(line.startswith("Ann,") for line in text.splitlines())


def test_sign_in_with_the_identity_provider(page, class_app):
    tab, context = page, page.context
    tab.goto(f"{class_app}/progress")
    tab.get_by_text("Sign in with your school account").click()
    tab.get_by_role("button", name="prof-1").click()                    # the provider's one-click user
    wait_for_session(tab)
    tab.wait_for_url(f"{class_app}/progress", timeout=30_000)
    tab.locator("[data-testid='stSidebar']").get_by_text("Signed in as").wait_for()
    assert f"Signed in as {INSTRUCTOR_EMAIL} · instructor" in sidebar_text(tab)
    assert "Instructor tools" in sidebar_text(tab)
    assert "dlmath_session" in {c["name"] for c in context.cookies()}


def test_personal_mode_remembers_language_and_profile(page, app_url):
    tab, context = page, page.context
    tab.goto(app_url)
    wait_rendered(tab, charts=False)
    tab.locator("[data-testid='stSidebar']").get_by_text("中文").click()
    tab.get_by_text("谁在学习？").wait_for()
    wait_rendered(tab, charts=False)
    picker = tab.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']")
    new_profile = tab.get_by_role("option", name="➕ 新建学习者…")
    for _ in range(3):                                    # the list opens once the rerun has settled
        picker.get_by_role("combobox").click()
        try:
            new_profile.click(timeout=5_000)
            break
        except PlaywrightTimeout:
            tab.keyboard.press("Escape")
    tab.get_by_label("你的名字").fill("Bo Li")
    tab.get_by_role("button", name="创建").click()
    expect(picker.get_by_role("combobox")).to_have_value("Bo Li", timeout=30_000)   # the new one is selected
    tab.goto(f"{app_url}/progress")                                   # another page, a fresh page load
    tab.get_by_text("Bo Li 还没有作答记录").wait_for()
    other = context.new_page()                                             # a new tab
    other.goto(app_url)
    other.get_by_text("谁在学习？").wait_for()
    expect(other.locator("[data-testid='stSidebar'] [role='combobox']")).to_have_value("Bo Li")
