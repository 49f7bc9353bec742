"""The sign-in routes over HTTP (Starlette's test client): a hand-off code becomes an HttpOnly session cookie once,
only for a same-site request, and only with a redirect inside the app; sign-out revokes it everywhere; the
identity-provider route remembers where to go. Plus the class-mode settings."""
from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from store import get_accounts
from ui.auth_config import ClassSettings, settings
from ui.auth_routes import NEXT_COOKIE, SESSION_COOKIE, routes, safe_next


@pytest.fixture
def accounts(tmp_path, monkeypatch):
    monkeypatch.setenv("DLMATH_HOME", str(tmp_path))
    monkeypatch.delenv("DLMATH_DB_URL", raising=False)
    monkeypatch.setenv("DLMATH_MODE", "class")
    found = get_accounts()
    found.create("Ann", "learner", "ann-password")
    return found


@pytest.fixture
def client(accounts):
    return TestClient(Starlette(routes=routes()), base_url="http://testserver", follow_redirects=False)


def test_a_handoff_sets_an_httponly_session_cookie_once(client, accounts):
    code = accounts.create_handoff("Ann")
    response = client.get("/dlmath-auth/start", params={"code": code, "next": "/quiz?ex=a&seed=2"},
                          headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 303 and response.headers["location"] == "/quiz?ex=a&seed=2"
    [cookie] = response.headers.get_list("set-cookie")
    assert cookie.startswith(f"{SESSION_COOKIE}=") and "HttpOnly" in cookie and "samesite=lax" in cookie.lower()
    assert "Secure" not in cookie                                     # plain HTTP, not configured
    token = response.cookies[SESSION_COOKIE]
    assert accounts.session_account(token).name == "Ann"
    again = client.get("/dlmath-auth/start", params={"code": code})
    assert SESSION_COOKIE not in again.cookies                          # a code works once


def test_the_cookie_is_secure_behind_an_https_proxy(client, accounts):
    response = client.get("/dlmath-auth/start", params={"code": accounts.create_handoff("Ann")},
                          headers={"X-Forwarded-Proto": "https"})
    assert "Secure" in response.headers["set-cookie"]


def test_another_site_cannot_sign_a_visitor_in(client, accounts):
    response = client.get("/dlmath-auth/start", params={"code": accounts.create_handoff("Ann")},
                          headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 303 and SESSION_COOKIE not in response.cookies


@pytest.mark.parametrize("target", ["https://evil.example/x", "//evil.example", "/\\evil.example", "quiz",
                                    "/quiz\r\nSet-Cookie: x=1", "javascript:alert(1)"])
def test_the_redirect_never_leaves_the_app(target):
    assert safe_next(target) == "/"


def test_a_plain_path_is_kept():
    assert safe_next("/vectors?ex=inner-product-2d&seed=42") == "/vectors?ex=inner-product-2d&seed=42"


def test_sign_out_revokes_the_session_and_clears_the_cookie(client, accounts):
    token = accounts.start_session("Ann")
    client.cookies.set(SESSION_COOKIE, token)
    response = client.get("/dlmath-auth/end", headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 303 and response.headers["location"] == "/"
    assert f'{SESSION_COOKIE}=""' in response.headers["set-cookie"] and "Max-Age=0" in response.headers["set-cookie"]
    assert accounts.session_account(token) is None


def test_sign_out_also_clears_the_identity_provider_cookie(client, accounts):
    client.cookies.set(SESSION_COOKIE, accounts.start_session("Ann"))
    client.cookies.set("_streamlit_user", "signed-value")
    response = client.get("/dlmath-auth/end")
    assert response.headers["location"] == "/auth/logout"


def test_the_provider_route_remembers_the_page_and_hands_over_to_streamlit(client, monkeypatch):
    monkeypatch.setattr("ui.auth_config.oidc_providers", lambda: ["default"])
    monkeypatch.setattr("streamlit.user_info.generate_login_redirect_url",
                        lambda provider: f"/auth/login?provider=token-for-{provider}")
    response = client.get("/dlmath-auth/oidc", params={"provider": "default", "next": "/progress"})
    assert response.headers["location"] == "/auth/login?provider=token-for-default"
    assert response.cookies[NEXT_COOKIE].strip('"') == "/progress"
    unknown = client.get("/dlmath-auth/oidc", params={"provider": "nope", "next": "/progress"})
    assert unknown.headers["location"] == "/" and NEXT_COOKIE not in unknown.cookies


def test_after_the_provider_the_remembered_page_is_used(client, accounts):
    client.cookies.set(NEXT_COOKIE, "/progress")
    response = client.get("/dlmath-auth/start", params={"code": accounts.create_handoff("Ann")})
    assert response.headers["location"] == "/progress" and SESSION_COOKIE in response.cookies


def test_in_personal_mode_the_routes_do_nothing(client, accounts, monkeypatch):
    monkeypatch.delenv("DLMATH_MODE")
    response = client.get("/dlmath-auth/start", params={"code": accounts.create_handoff("Ann")})
    assert response.headers["location"] == "/" and SESSION_COOKIE not in response.cookies


def test_settings_from_the_environment(monkeypatch):
    monkeypatch.setenv("DLMATH_INSTRUCTORS", "Prof@School.org, other@x.org")
    monkeypatch.setenv("DLMATH_LEARNER_DOMAINS", "school.org")
    monkeypatch.setenv("DLMATH_SESSION_HOURS", "8")
    found = settings()
    assert found.instructors == {"prof@school.org", "other@x.org"} and found.session_hours == 8.0
    assert found.role_for("prof@school.org") == "instructor"
    assert found.role_for("kim@school.org") == "learner"
    assert found.role_for("eve@elsewhere.org") is None
    assert found.role_for("prof@school.org", verified=False) is None     # unverified: neither instructor nor in


def test_without_learner_domains_anyone_the_provider_vouches_for_is_a_learner():
    assert ClassSettings().role_for("someone@anywhere.org") == "learner"
    assert ClassSettings(instructor_domains=frozenset({"staff.org"})).role_for("a@staff.org") == "instructor"
