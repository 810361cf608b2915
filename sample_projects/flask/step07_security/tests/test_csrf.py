import re

import pytest


@pytest.fixture
def csrf_client(client, auth, app, monkeypatch):
    """The test client, logged in as alice, with CSRF protection switched back
    on as in real use."""
    auth.login()
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    return client


def csrf_token(client, path):
    """The CSRF token from the hidden input of the page at ``path``."""
    page = client.get(path).data.decode()
    return re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page)[1]


@pytest.mark.parametrize(
    "path", ["/bookmarks/new/", "/accounts/login/", "/accounts/register/"]
)
def test_forms_carry_a_hidden_token(csrf_client, path):
    page = csrf_client.get(path).data.decode()
    assert '<input id="csrf_token" name="csrf_token" type="hidden"' in page


@pytest.mark.parametrize(
    "path",
    ["/bookmarks/new/", "/accounts/login/", "/accounts/register/", "/accounts/logout/"],
)
def test_posts_without_the_token_are_refused(csrf_client, path):
    assert csrf_client.post(path, data={"username": "x"}).status_code == 400


def test_create_and_delete_with_the_token(csrf_client):
    data = {"url": "https://example.com/", "title": "Real"}
    data["csrf_token"] = csrf_token(csrf_client, "/bookmarks/new/")
    response = csrf_client.post("/bookmarks/new/", data=data)
    assert response.status_code == 302
    detail = response.headers["Location"]  # /bookmarks/4/
    assert csrf_client.post(detail + "delete/").status_code == 400
    token = csrf_token(csrf_client, detail)
    response = csrf_client.post(detail + "delete/", data={"csrf_token": token})
    assert response.status_code == 302
    assert csrf_client.get(detail).status_code == 404
