import pytest


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
