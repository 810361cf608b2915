import pytest
from flask import abort

from bookmarks import create_app


def test_404_page(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"Page not found" in response.data
    assert b'class="brand"' in response.data  # it extends base.html


def test_403_page(client, auth):
    auth.login("bob")
    response = client.get("/bookmarks/1/edit/")  # alice's bookmark
    assert response.status_code == 403
    assert b"Forbidden" in response.data


def test_api_errors_are_json(client):
    response = client.get("/api/no-such-thing/")
    assert response.status_code == 404
    assert response.get_json() == {"error": "Not Found"}


def test_api_405_is_json(client):
    response = client.post("/api/bookmarks/")
    assert response.status_code == 405
    assert response.get_json() == {"error": "Method Not Allowed"}


def test_api_400_is_json():
    """No API view answers 400 yet; a route made for the test does."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    app.add_url_rule("/api/broken/", "broken", lambda: abort(400))
    response = app.test_client().get("/api/broken/")
    assert response.status_code == 400
    assert response.get_json() == {"error": "Bad Request"}


def test_405_page_outside_the_api_is_html(client):
    response = client.post("/")
    assert response.status_code == 405
    assert not response.is_json


@pytest.fixture
def broken(app, monkeypatch):
    """Make the home page and the API crash, as a bug would.

    Testing apps let exceptions through to the test, which makes failures
    easy to read; PROPAGATE_EXCEPTIONS=False turns them into 500 responses,
    as in production.
    """

    def crash():
        raise RuntimeError("a bug")

    monkeypatch.setitem(app.view_functions, "bookmarks.index", crash)
    monkeypatch.setitem(app.view_functions, "api.bookmark_list", crash)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)


def test_500_page(client, broken):
    response = client.get("/")
    assert response.status_code == 500
    assert b"Something went wrong" in response.data
    assert b"a bug" not in response.data  # no details for strangers


def test_api_500_is_json(client, broken):
    response = client.get("/api/bookmarks/")
    assert response.status_code == 500
    assert response.get_json() == {"error": "Internal Server Error"}
