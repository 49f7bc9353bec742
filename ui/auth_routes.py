"""The HTTP side of class-mode sign-in: the routes that set and clear the session cookie.

A Streamlit script talks to the browser over a websocket and cannot set an HttpOnly cookie, so after a password
(or join code, or identity provider) is accepted the script makes a one-time hand-off code (valid 60 s, stored as
a digest) and sends the browser to `/dlmath-auth/start?code=…&next=/quiz`. That route, on whichever replica the
balancer picks, turns the code into a server-side session and answers with the cookie and a redirect to `next`:

- `dlmath_session`: the session token (HttpOnly, SameSite=Lax, Secure on HTTPS or when configured); the database
  keeps only its digest, with its expiry; signing out revokes it everywhere.
- `dlmath_next`: where to go after signing in with an identity provider (`/dlmath-auth/oidc` sets it before handing
  over to Streamlit's `/auth/login`, whose callback always returns to `/`).

`/dlmath-auth/end` revokes the session and clears the cookie (and then Streamlit's own identity cookie through
`/auth/logout` when there is one). Routes that change who is signed in refuse cross-site requests (`Sec-Fetch-Site`),
so another site cannot sign a visitor in as someone else or out.
"""
from __future__ import annotations

import logging
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

log = logging.getLogger(__name__)

SESSION_COOKIE = "dlmath_session"
NEXT_COOKIE = "dlmath_next"
STREAMLIT_USER_COOKIE = "_streamlit_user"
PREFIX = "dlmath-auth"
NEXT_SECONDS = 600
MAX_NEXT = 2000


def base_path() -> str:
    """Streamlit's `server.baseUrlPath` as a prefix ("" or "/base")."""
    from streamlit import config

    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}" if base else ""


def route_url(name: str) -> str:
    """The path of one of these routes: `route_url("start")` → `/dlmath-auth/start`."""
    return f"{base_path()}/{PREFIX}/{name}"


def safe_next(value: str | None) -> str:
    """A same-site path to go to after signing in: `value` when it is a plain absolute path of this app, else `/`.
    Never another host (`//evil.example`, `https://…`, `/\\evil`), never control characters."""
    home = base_path() + "/"
    if not value or len(value) > MAX_NEXT or any(ord(ch) < 32 or ch == "\\" for ch in value):
        return home
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not value.startswith("/") or value.startswith("//"):
        return home
    return value if value.startswith(home) or value == base_path() else home


def _cross_site(request: Request) -> bool:
    """True for a request another site started (browsers say so in `Sec-Fetch-Site`; older ones send nothing)."""
    return request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none")


def _secure(request: Request) -> bool:
    from ui.auth_config import settings

    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return settings().secure_cookie or request.url.scheme == "https" or forwarded == "https"


def _redirect(url: str) -> RedirectResponse:
    response = RedirectResponse(url, status_code=303)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"     # the one-time code never leaves in a Referer
    return response


async def start(request: Request) -> Response:
    """Turn a hand-off code into a session: set the session cookie and go to `next`."""
    from store import get_accounts
    from ui.auth_config import class_mode, settings

    target = safe_next(request.query_params.get("next") or request.cookies.get(NEXT_COOKIE))
    response = _redirect(target)
    if NEXT_COOKIE in request.cookies:
        response.delete_cookie(NEXT_COOKIE, path=base_path() or "/")
    if not class_mode() or _cross_site(request):
        return response
    hours = settings().session_hours
    try:
        token = await run_in_threadpool(get_accounts().redeem_handoff, request.query_params.get("code"), hours=hours)
    except Exception:  # the database is away: no session, the sign-in page says what it can
        log.warning("sign-in hand-off failed", exc_info=True)
        return response
    if token:
        response.set_cookie(SESSION_COOKIE, token, max_age=int(hours * 3600), path=base_path() or "/",
                            httponly=True, samesite="lax", secure=_secure(request))
    return response


async def end(request: Request) -> Response:
    """Sign out: revoke the session everywhere, clear its cookie, then Streamlit's identity cookie if any."""
    from store import get_accounts

    if _cross_site(request):
        return _redirect(base_path() + "/")
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        try:
            await run_in_threadpool(get_accounts().end_session, token)
        except Exception:
            log.warning("sign-out could not reach the database", exc_info=True)
    has_provider_cookie = any(name.startswith(STREAMLIT_USER_COOKIE) for name in request.cookies)
    response = _redirect(f"{base_path()}/auth/logout" if has_provider_cookie else base_path() + "/")
    response.delete_cookie(SESSION_COOKIE, path=base_path() or "/")
    return response


async def oidc(request: Request) -> Response:
    """Remember where to go, then start Streamlit's sign-in with the identity provider `provider`."""
    from streamlit.user_info import generate_login_redirect_url

    from ui.auth_config import class_mode, oidc_providers

    provider = request.query_params.get("provider", "")
    if not class_mode() or provider not in oidc_providers():
        return _redirect(base_path() + "/")
    response = _redirect(generate_login_redirect_url(provider))
    response.set_cookie(NEXT_COOKIE, safe_next(request.query_params.get("next")), max_age=NEXT_SECONDS,
                        path=base_path() or "/", httponly=True, samesite="lax", secure=_secure(request))
    return response


def routes() -> list[Route]:
    """The sign-in routes, for `st.App(..., routes=routes())`."""
    return [Route(route_url(name), handler, methods=["GET"])
            for name, handler in (("start", start), ("end", end), ("oidc", oidc))]
