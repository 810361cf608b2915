import re

import pytest


@pytest.fixture
def csrf_client(client, auth, app, monkeypatch):
    """The test client, logged in as alice, with CSRF protection switched back
    on as in real use."""
    auth.login()
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    return client


def test_form_carries_a_hidden_token(csrf_client):
    page = csrf_client.get("/bookmarks/new/").data.decode()
    assert '<input id="csrf_token" name="csrf_token" type="hidden"' in page


def test_post_without_token_is_refused(csrf_client):
    data = {"url": "https://example.com/", "title": "Forged"}
    response = csrf_client.post("/bookmarks/new/", data=data)
    assert response.status_code == 400


def test_post_with_the_token_works(csrf_client):
    page = csrf_client.get("/bookmarks/new/").data.decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)[1]
    data = {"url": "https://example.com/", "title": "Real", "csrf_token": token}
    assert csrf_client.post("/bookmarks/new/", data=data).status_code == 302
