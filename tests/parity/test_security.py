"""The security clauses of docs/app-spec.md (S6-S13, R14), checked from outside.

A stolen session cookie is a copy of a client's cookies in a second client; the
production configuration is started in its own process.
"""

from __future__ import annotations

import secrets
import time
import uuid

import pytest

from .conftest import PASSWORD

REDIRECT = (301, 302, 303, 307, 308)
since = pytest.mark.since

SITE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
HSTS = "max-age=31536000; includeSubDomains"


def directives(csp: str) -> dict[str, str]:
    """'a x; b y' -> {"a": "x", "b": "y"}: the CSP's directives by name."""
    parts = (part.strip().split(None, 1) for part in csp.split(";") if part.strip())
    return {part[0]: (part[1] if len(part) > 1 else "") for part in parts}


# --- S12 headers ----------------------------------------------------------------


@since(7)
def test_every_response_has_the_security_headers(user, browser, label):
    me = user()
    bookmark = me.add_bookmark(title="Headers")
    for path in ("/", f"/bookmarks/{bookmark}/", "/accounts/login/", "/no-such/"):
        response = browser().get(path)
        for name, value in HEADERS.items():
            assert response.headers.get(name) == value, (
                f"[{label}] S12: {path} {name}: {response.headers.get(name)!r}"
            )
        csp = directives(response.headers.get("Content-Security-Policy", ""))
        assert csp == directives(SITE_CSP), f"[{label}] S12: CSP on {path}: {csp}"
    api = browser().get("/api/bookmarks/")
    for name, value in HEADERS.items():
        assert api.headers.get(name) == value, f"[{label}] S12: API {name}"


@since(7)
def test_admin_csp_is_relaxed_only_as_far_as_needed(staff, label):
    response = staff().get("/admin/")
    assert response.status_code == 200, f"[{label}] R13: staff see the admin"
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, f"[{label}] S12: admin {name}"
    csp = directives(response.headers.get("Content-Security-Policy", ""))
    assert csp.get("object-src") == "'none'", f"[{label}] S12: admin CSP {csp}"
    assert csp.get("frame-ancestors") == "'none'", f"[{label}] S12: admin CSP {csp}"
    assert csp.get("base-uri") == "'self'", f"[{label}] S12: admin CSP {csp}"
    assert "*" not in " ".join(csp.values()), f"[{label}] S12: no wildcard: {csp}"


# --- S7, S8 registration rules -------------------------------------------------


@since(6)
@pytest.mark.parametrize(
    "password",
    ["password", "12345678", "qwertyuiop", "PassWord", "73902614", "Sh0rt!x"],
)
def test_weak_passwords_are_refused(browser, password, label):
    name = "w" + uuid.uuid4().hex[:10]
    response = browser().register(name, password)
    assert response.status_code == 200, f"[{label}] S8: {password!r} was accepted"
    assert browser().login(name, password).status_code == 200, (
        f"[{label}] S8: an account with {password!r} exists"
    )


@since(6)
def test_a_password_like_the_username_is_refused(browser, label):
    name = "margaret" + uuid.uuid4().hex[:4]
    for password in (name, name + "1", name[::-1][:3] + name):
        response = browser().register(name, password)
        assert response.status_code == 200, f"[{label}] S8: {password!r} for {name}"
    assert browser().register(name, PASSWORD).status_code in REDIRECT, (
        f"[{label}] S8: a good password is accepted"
    )


# --- S9, S10, R14 sessions end on the server --------------------------------------


@since(6)
def test_logout_ends_the_session_on_the_server(user, label):
    me = user()
    stolen = me.copy()
    assert stolen.is_logged_in(), f"[{label}] S9: the copied cookie works at first"
    assert me.logout().status_code in REDIRECT, f"[{label}] R11: logout"
    assert not stolen.is_logged_in(), (
        f"[{label}] S9: a session cookie copied before logout still logs in"
    )


@since(6)
def test_staff_logout_ends_admin_access(staff, label):
    boss = staff()
    stolen = boss.copy()
    assert stolen.get("/admin/").status_code == 200, f"[{label}] S9: copy works"
    boss.logout()
    assert stolen.get("/admin/").status_code != 200, (
        f"[{label}] S9: a staff cookie copied before logout still opens the admin"
    )


@since(6)
def test_password_change_ends_the_other_sessions(user, browser, label):
    me = user()
    elsewhere = browser()
    assert elsewhere.login(me.username, PASSWORD).status_code in REDIRECT
    stolen = me.copy()
    new = "another long passphrase " + secrets.token_hex(4)
    refused = me.change_password("not the old one", new)
    assert refused.status_code == 200, f"[{label}] R14: the old password is checked"
    assert me.change_password(PASSWORD, "12345678").status_code == 200, (
        f"[{label}] R14/S8: the new password follows the rules"
    )
    assert me.change_password(PASSWORD, new, new + "x").status_code == 200, (
        f"[{label}] R14: the new password is typed twice"
    )
    changed = me.change_password(PASSWORD, new)
    assert changed.status_code in REDIRECT, f"[{label}] R14: password changed"
    assert me.is_logged_in(), f"[{label}] R14: the user stays logged in"
    assert not elsewhere.is_logged_in(), f"[{label}] S10: another session survived"
    assert not stolen.is_logged_in(), f"[{label}] S10: an old cookie still works"
    assert browser().login(me.username, PASSWORD).status_code == 200, f"[{label}] R14"
    assert browser().login(me.username, new).status_code in REDIRECT, f"[{label}] R14"


@since(6)
def test_password_change_needs_login(browser, label):
    response = browser().get("/accounts/password/")
    assert response.status_code in REDIRECT, f"[{label}] R14: anonymous → login"
    assert "/accounts/login/" in response.headers["Location"], f"[{label}] R14"


# --- S11 timing -------------------------------------------------------------------


def fastest_login(browser, username: str, tries: int = 5) -> float:
    """The least CPU time a failed login took in this process (the app runs in
    it): hashing is CPU work, and other processes on a busy machine do not
    count against it as they would against the clock."""
    visitor = browser()
    visitor.get("/accounts/login/")
    best = float("inf")
    for _ in range(tries):
        start = time.process_time()
        response = visitor.login(username, "not the password at all")
        best = min(best, time.process_time() - start)
        assert response.status_code == 200
    return best


@since(6)
def test_unknown_usernames_take_as_long_as_wrong_passwords(user, browser, label):
    known = user().username
    fastest_login(browser, known, tries=1)  # warm up
    wrong_password = fastest_login(browser, known)
    unknown_user = fastest_login(browser, "nobody" + uuid.uuid4().hex[:8])
    # Without a dummy hash, an unknown name skips the slow hash entirely.
    assert (
        unknown_user >= 0.5 * wrong_password or wrong_password - unknown_user < 0.015
    ), f"[{label}] S11: unknown {unknown_user:.3f}s, known {wrong_password:.3f}s"


# --- S6 production ----------------------------------------------------------------


@since(7)
def test_production_refuses_missing_known_or_short_secret_keys(app_under_test, label):
    keys = {
        "missing": None,
        "dev": "dev",
        "49 characters": secrets.token_hex(25)[:49],
        "the development default": app_under_test.default_secret_key(),
    }
    for what, key in keys.items():
        result = app_under_test.production(key, "https://localhost/accounts/login/")
        assert "refused" in result, f"[{label}] S6: started with a {what} secret key"


@since(7)
def test_production_is_https_only(app_under_test, label):
    key = secrets.token_urlsafe(50)
    plain = app_under_test.production(key, "http://localhost/accounts/login/?a=1")
    assert "refused" not in plain, f"[{label}] S6: {plain.get('refused')}"
    assert plain["status"] in REDIRECT, f"[{label}] S6: http → https redirect"
    assert plain["location"] == "https://localhost/accounts/login/?a=1", (
        f"[{label}] S6: redirected to {plain['location']}"
    )
    secure = app_under_test.production(key, "https://localhost/accounts/login/")
    assert secure["status"] == 200, f"[{label}] S6: the login page over HTTPS"
    hsts = secure["headers"].get("Strict-Transport-Security")
    assert hsts == HSTS, f"[{label}] S6: HSTS {hsts!r}"
    cookies = [
        c for c in secure["cookies"] if c.strip().startswith(("session", "csrf"))
    ]
    assert cookies, f"[{label}] S6: the login page sets a cookie"
    for cookie in cookies:
        assert "secure" in cookie.lower(), f"[{label}] S6: not Secure: {cookie}"


# --- S13 the Host header ------------------------------------------------------------


@since(7)
def test_production_refuses_a_forged_host(app_under_test, label):
    key = secrets.token_urlsafe(50)
    forged = app_under_test.production(key, "https://evil.example/accounts/login/")
    assert "refused" not in forged, f"[{label}] S6: {forged.get('refused')}"
    status = forged["status"]
    assert status == 400, f"[{label}] S13: Host: evil.example answered {status}"
    ours = app_under_test.production(key, "https://localhost:8443/accounts/login/")
    assert ours["status"] == 200, f"[{label}] S13: a configured host, another port"
