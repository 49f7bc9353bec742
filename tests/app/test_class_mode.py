"""Class mode in AppTest: every page refuses a visitor; signing in (password, join code, identity provider) leads to
the pages of one's role; a learner never reaches the instructor page nor anyone else's data, whatever `?profile=`
says; quizzes and answers are recorded under the account; sign-out and lock-out; the instructor's Accounts tab."""
from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from exercises import load_library
from exercises.topics import TOPICS
from store import Attempt, get_accounts, get_store
from store.accounts import LOCK_AFTER
from ui.layout import TOPIC_PAGES

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
TIMEOUT = 60
PAGES = ["pages/home.py", *TOPIC_PAGES.values(), "pages/quiz.py", "pages/progress.py", "pages/instructor.py"]
SIGN_IN_TITLE = "🔐 Sign in to DL Math Lab"
LIB = load_library()


@pytest.fixture(autouse=True)
def class_home(tmp_path, monkeypatch):
    """Class mode on a fresh database, with an instructor and two learners."""
    monkeypatch.setenv("DLMATH_HOME", str(tmp_path))
    monkeypatch.delenv("DLMATH_DB_URL", raising=False)
    monkeypatch.setenv("DLMATH_MODE", "class")
    for variable in ("DLMATH_INSTRUCTORS", "DLMATH_LEARNER_DOMAINS", "DLMATH_INSTRUCTOR_DOMAINS"):
        monkeypatch.delenv(variable, raising=False)
    accounts = get_accounts()
    accounts.create("Teacher", "instructor", "teacher-pass")
    accounts.create("Ann", "learner", "ann-password")
    accounts.create("Bob", "learner", "bob-password")
    return tmp_path


@pytest.fixture
def redirects(monkeypatch):
    """The URLs the app sends the browser to (the cookie route), instead of sending them."""
    sent: list[str] = []
    monkeypatch.setattr("ui.auth.go_to", sent.append)
    return sent


def visitor(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["lang"] = "en"
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def sign_in(at: AppTest, name: str, password: str) -> AppTest:
    """Submit the sign-in form; once accepted, the next run (what the browser loads next) is signed in."""
    at.text_input(key="auth-name").input(name)
    at.text_input(key="auth-password").input(password)
    at.button(key="auth-sign-in-submit").click().run()
    if at.success and "Welcome" in at.success[0].value:
        at.run()
    return at


def titles(at: AppTest) -> list[str]:
    return [title.value for title in at.title]


def signed_in_as(name: str, password: str) -> AppTest:
    at = sign_in(visitor(), name, password)
    assert not at.exception and SIGN_IN_TITLE not in titles(at)
    return at


def refused(at: AppTest) -> bool:
    """The visitor sees the sign-in page (the app's gate) or, for a page run on its own, only "sign in first".
    (AppTest runs a page whose URL is its file name — /quiz, /progress, /instructor — without `app.py`, as a
    server would for a legacy `pages/` folder; the real server declares there is none, so the gate runs first.)"""
    if titles(at) == [SIGN_IN_TITLE]:
        return True
    return not titles(at) and [i.value for i in at.info] == ["Sign in first: open the app's front page."]


def test_every_page_refuses_a_visitor():
    at = visitor()
    assert titles(at) == [SIGN_IN_TITLE] and not at.exception
    for page in PAGES:
        at.switch_page(page).run()
        assert refused(at), page
        assert not at.get("vega_lite_chart") and not at.dataframe and not at.exception, page
        assert not at.sidebar.selectbox, page          # no profile picker: no list of learners
    # pages run on their own (without the app's gate) refuse too
    alone = AppTest.from_file(str(ROOT / "pages" / "instructor.py"), default_timeout=TIMEOUT)
    alone.session_state["lang"] = "en"
    alone.run()
    assert refused(alone) and not alone.tabs


def test_wrong_password_is_refused_without_saying_which_part(redirects):
    at = sign_in(visitor(), "Ann", "not-her-password")
    assert titles(at) == [SIGN_IN_TITLE] and "do not match" in at.error[0].value
    at = sign_in(visitor(), "Nobody", "whatever-1")
    assert "do not match" in at.error[0].value and redirects == []


def test_repeated_wrong_passwords_lock_the_name():
    at = visitor()
    for _ in range(LOCK_AFTER):
        sign_in(at, "Ann", "guess-guess")
    assert "Too many wrong passwords" in at.error[0].value
    sign_in(at, "Ann", "ann-password")
    assert titles(at) == [SIGN_IN_TITLE] and "Too many wrong passwords" in at.error[0].value


def test_a_deep_link_is_remembered_through_sign_in(redirects):
    at = visitor({"ex": "inner-product-2d", "seed": "42", "profile": "Bob"})
    at.switch_page("pages/t04_vectors.py").run()
    assert titles(at) == [SIGN_IN_TITLE]
    sign_in(at, "ann", "ann-password")
    [url] = redirects
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    assert parts.path == "/dlmath-auth/start" and len(query["code"][0]) > 30
    assert query["next"] == ["/vectors?ex=inner-product-2d&seed=42"]      # the page and its query, not ?profile=
    # the hand-off code becomes a session once (the route sets it as the cookie)
    token = get_accounts().redeem_handoff(query["code"][0])
    assert get_accounts().session_account(token).name == "Ann"
    assert get_accounts().redeem_handoff(query["code"][0]) is None


def test_a_session_cookie_signs_in_a_new_tab_until_sign_out(monkeypatch, redirects):
    token = get_accounts().start_session("Ann")
    monkeypatch.setattr("ui.auth._cookie", lambda name: token if name == "dlmath_session" else None)
    at = visitor()
    assert SIGN_IN_TITLE not in titles(at)
    assert "Signed in as **Ann** · learner" in [m.value for m in at.sidebar.markdown]
    at.sidebar.button(key="auth-sign-out").click().run()
    assert redirects == ["/dlmath-auth/end"]
    assert get_accounts().session_account(token) is None              # revoked on every replica
    assert titles(visitor()) == [SIGN_IN_TITLE]                        # the old cookie no longer works


def test_a_learner_never_reaches_the_instructor_page():
    at = signed_in_as("Ann", "ann-password")
    assert "instructor" not in at.session_state["layout-pages"]     # not in the navigation
    teacher = signed_in_as("Teacher", "teacher-pass")
    assert "instructor" in teacher.session_state["layout-pages"]
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/instructor.py")                         # the app has no such page for a learner
    alone = AppTest.from_file(str(ROOT / "pages" / "instructor.py"), default_timeout=TIMEOUT)
    alone.session_state["lang"] = "en"
    alone.session_state["auth-account"] = get_accounts().get("Ann")
    alone.session_state["auth-checked"] = time.monotonic()
    alone.run()
    assert "for instructors" in alone.error[0].value and not alone.tabs


def test_a_learner_sees_only_their_own_progress_whatever_the_url_says():
    store = get_store()
    store.record_attempt(Attempt("Ann", "inner-product-2d", "vectors", 1, "", "ann's answer", "correct", 1.0))
    store.record_attempt(Attempt("Bob", "inner-product-2d", "vectors", 2, "", "bob's secret", "incorrect", 0.0))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["lang"] = "en"
    at.query_params["profile"] = "Bob"
    at.session_state["profile"] = "Bob"                 # even a forged session value is ignored
    sign_in(at.run(), "Ann", "ann-password")
    at.switch_page("pages/progress.py").run()
    table = at.dataframe[0].value.to_string()
    assert "ann's answer" in table and "bob's secret" not in table
    assert "Bob" not in " ".join(m.value for m in [*at.markdown, *at.sidebar.markdown])


def test_answers_and_quizzes_are_recorded_under_the_account():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["lang"] = "en"
    at.query_params["profile"] = "Bob"
    sign_in(at.run(), "Ann", "ann-password")
    at.switch_page("pages/quiz.py").run()
    at.multiselect(key="quiz-topics").set_value(["vectors"])
    at.selectbox(key="quiz-difficulty").set_value(1)
    at.number_input(key="quiz-count").set_value(1)
    at.button(key="quiz-start").click().run()
    run = at.session_state["quiz-run"]
    question = run.questions[0]
    ex = LIB.get(question.template_id).generate(question.seed)
    at.text_input(key=f"ex-{ex.template_id}-{ex.seed}-").input(ex.expected_text(""))
    at.button(key="quiz-0--submit").click().run()
    assert not at.exception
    [row] = get_store().attempts("Ann")
    assert (row.template_id, row.status, row.quiz_id, row.question) == (ex.template_id, "correct", run.quiz_id, 0)
    assert get_store().attempts("Bob") == [] and get_store().open_quizzes("Ann")


def test_the_instructor_adds_students_whose_join_code_works_once(redirects):
    at = signed_in_as("teacher", "teacher-pass")
    at.switch_page("pages/instructor.py").run()
    assert not at.exception and any("Accounts" in tab.label for tab in at.tabs)
    at.text_area(key="accounts-roster").input("name,password\nCy Doe\n=cmd\nDi, first-pass-1\nAnn\n").run()
    at.button(key="accounts-create").click().run()
    assert not at.exception
    [table] = [frame.value for frame in at.dataframe if "Join code" in frame.value.columns]
    rows = dict(zip(table["Name"], table["Result"]))
    assert rows["Cy Doe"] == "created" and rows["Di"] == "created" and "exists" in rows["Ann"]
    code = table.set_index("Name").loc["Cy Doe", "Join code"]
    assert table.set_index("Name").loc["Di", "Join code"] == ""
    assert get_accounts().verify_password("Di", "first-pass-1").reason == "ok"
    # Cy joins with the code and picks a password
    joiner = visitor()
    joiner.text_input(key="auth-code").input(code.lower())
    joiner.text_input(key="auth-join-new").input("cy-own-secret")
    joiner.text_input(key="auth-join-repeat").input("cy-own-secret")
    joiner.button(key="auth-join-submit").click().run()
    assert "Welcome, Cy Doe!" in joiner.success[0].value
    joiner.run()
    assert "Signed in as **Cy Doe** · learner" in [m.value for m in joiner.sidebar.markdown]
    again = visitor()
    again.text_input(key="auth-code").input(code)
    again.text_input(key="auth-join-new").input("another-secret")
    again.text_input(key="auth-join-repeat").input("another-secret")
    again.button(key="auth-join-submit").click().run()
    assert "not valid" in again.error[0].value
    assert get_accounts().verify_password("Cy Doe", "cy-own-secret").reason == "ok"


def test_the_instructor_switches_an_account_off_and_it_signs_out():
    learner = signed_in_as("Bob", "bob-password")
    at = signed_in_as("Teacher", "teacher-pass")
    at.switch_page("pages/instructor.py").run()
    at.selectbox(key="accounts-pick").set_value("Bob").run()
    at.button(key="accounts-toggle").click().run()
    assert get_accounts().get("Bob").disabled
    learner.session_state["auth-checked"] = 0.0        # the next re-check (every minute) finds it switched off
    learner.run()
    assert titles(learner) == [SIGN_IN_TITLE]
    at.selectbox(key="accounts-pick").set_value("Teacher").run()
    at.button(key="accounts-toggle").click().run()
    assert "cannot switch off" in at.error[0].value and not get_accounts().get("Teacher").disabled


def test_changing_the_password(monkeypatch):
    at = signed_in_as("Ann", "ann-password")
    at.text_input(key="auth-old").input("ann-password")
    at.text_input(key="auth-change-new").input("brand-new-pass")
    at.text_input(key="auth-change-repeat").input("brand-new-pass")
    at.button(key="auth-change-submit").click().run()
    assert "Password changed" in at.sidebar.success[0].value
    assert get_accounts().verify_password("Ann", "brand-new-pass").reason == "ok"


def test_identity_provider_users_get_their_role_from_the_configuration(monkeypatch, redirects):
    monkeypatch.setenv("DLMATH_INSTRUCTORS", "prof@school.org")
    monkeypatch.setenv("DLMATH_LEARNER_DOMAINS", "school.org")

    def with_user(claims: dict) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.session_state["lang"] = "en"
        at.user = {"is_logged_in": True, "provider": "default", "iat": int(time.time()), **claims}
        return at.run()

    prof = with_user({"sub": "p-1", "email": "prof@school.org", "name": "Prof"})
    assert "Signed in as **prof@school.org** · instructor" in [m.value for m in prof.sidebar.markdown]
    assert redirects and redirects[-1].startswith("/dlmath-auth/start?code=")   # a session for the cookie
    student = with_user({"sub": "s-1", "email": "kim@school.org"})
    assert "Signed in as **kim@school.org** · learner" in [m.value for m in student.sidebar.markdown]
    outsider = with_user({"sub": "x-1", "email": "eve@elsewhere.org"})
    assert titles(outsider) == [SIGN_IN_TITLE] and "not part of this class" in outsider.error[0].value
    stale = with_user({"sub": "s-1", "email": "kim@school.org", "iat": int(time.time()) - 3600})
    assert titles(stale) == [SIGN_IN_TITLE]          # an old identity cookie alone does not sign in
    assert {a.name for a in get_accounts().all()} >= {"prof@school.org", "kim@school.org"}


def test_topic_pages_work_for_a_signed_in_learner():
    at = signed_in_as("Ann", "ann-password")
    for topic in TOPICS[:3]:
        at.switch_page(TOPIC_PAGES[topic.id]).run()
        assert not at.exception and topic.title("en") in titles(at)[0]
