import pytest

from bookmarks import create_app

SITE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/api/bookmarks/", "/x/"])
def test_security_headers(client, path):
    headers = client.get(path).headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Content-Security-Policy"] == SITE_CSP
    assert "Strict-Transport-Security" not in headers  # development: plain HTTP


def test_the_admin_may_run_inline_scripts_and_nothing_more(client, auth):
    auth.login("sam")
    csp = client.get("/admin/bookmark/").headers["Content-Security-Policy"]
    assert csp == SITE_CSP.replace(
        "script-src 'self'", "script-src 'self' 'unsafe-inline'"
    )


@pytest.fixture
def production(monkeypatch):
    """The production app, on an in-memory database."""
    monkeypatch.setenv("BOOKMARKS_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "k" * 50)
    monkeypatch.setenv("DATABASE_URL", "sqlite://")
    monkeypatch.setenv("TRUSTED_HOSTS", "localhost")  # the test client's host
    return create_app()


def test_production_redirects_http_to_https(production):
    client = production.test_client()
    # The test client would use https:// (PREFERRED_URL_SCHEME): ask for http.
    response = client.get("/search/?q=x", base_url="http://localhost")
    assert response.status_code == 301
    assert response.headers["Location"] == "https://localhost/search/?q=x"


def test_production_sends_hsts_over_https(production):
    client = production.test_client()
    response = client.get("/accounts/login/", base_url="https://localhost")
    assert response.status_code == 200
    hsts = response.headers["Strict-Transport-Security"]
    assert hsts == "max-age=31536000; includeSubDomains"
    assert "Secure" in response.headers["Set-Cookie"]


def test_production_refuses_a_forged_host(production):
    client = production.test_client()
    response = client.get("/accounts/login/", base_url="https://evil.example")
    assert response.status_code == 400
    response = client.get("/accounts/login/", base_url="https://localhost:8443")
    assert response.status_code == 200  # a trusted name, on any port


def test_session_cookie_is_httponly_and_samesite_lax(client, auth):
    cookie = auth.login().headers["Set-Cookie"]
    assert cookie.startswith("session=")
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # development runs over plain http


def test_user_text_is_escaped(client, auth):
    auth.login()
    data = {
        "url": "https://example.com/",
        "title": "<script>alert(1)</script>",
        "notes": '<img src=x onerror="alert(2)">',
    }
    page = client.post("/bookmarks/new/", data=data, follow_redirects=True).data
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert b"&lt;img src=x onerror=&#34;alert(2)&#34;&gt;" in page
    assert b"<script>" not in page and b"<img" not in page


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:x", "data:,hi"]
)
def test_only_http_urls_are_accepted(client, auth, url):
    auth.login()
    data = {"url": url, "title": "Click me"}
    response = client.post("/bookmarks/new/", data=data)
    assert response.status_code == 200
    assert b"http:// or https://" in response.data


@pytest.mark.parametrize("q", ["%", "_", "' OR 1=1 --", "'; DROP TABLE bookmark; --"])
def test_search_text_is_data_not_sql(client, q):
    response = client.get("/search/", query_string={"q": q})
    assert response.status_code == 200
    assert b"No bookmarks here." in response.data
    assert b"Flask docs" in client.get("/").data  # and the table is still there
