import pytest


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/api/bookmarks/"])
def test_security_headers(client, path):
    headers = client.get(path).headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "default-src 'self'" in headers["Content-Security-Policy"]


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
