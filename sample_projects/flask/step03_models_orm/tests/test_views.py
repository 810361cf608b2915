from flask import url_for


def test_index_lists_every_bookmark(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Flask documentation" in response.data
    assert b"Django documentation" in response.data


def test_detail(client):
    response = client.get("/bookmarks/1/")
    assert response.status_code == 200
    assert b"https://flask.palletsprojects.com/" in response.data
    assert b'href="/tags/flask/"' in response.data


def test_detail_of_unknown_bookmark_is_404(client):
    assert client.get("/bookmarks/999/").status_code == 404


def test_int_converter_rejects_words(client):
    assert client.get("/bookmarks/one/").status_code == 404


def test_url_without_trailing_slash_redirects(client):
    response = client.get("/bookmarks/1")
    assert response.status_code == 308
    assert response.headers["Location"].endswith("/bookmarks/1/")


def test_url_for_builds_paths(app):
    with app.test_request_context():
        assert url_for("bookmarks.detail", bookmark_id=3) == "/bookmarks/3/"
        assert url_for("bookmarks.by_tag", name="web") == "/tags/web/"


def test_tag_page(client):
    response = client.get("/tags/python/")
    assert b"Flask documentation" in response.data
    assert b"HTTP on MDN" not in response.data


def test_unknown_tag_is_404(client):
    assert client.get("/tags/cobol/").status_code == 404


def test_search_ignores_case_and_looks_at_title_url_and_notes(client):
    assert b"Flask documentation" in client.get("/search/?q=FLASK").data
    assert b"HTTP on MDN" in client.get("/search/?q=mozilla").data
    assert b"HTTP on MDN" in client.get("/search/?q=status codes").data
    assert b"Flask documentation" not in client.get("/search/?q=django").data


def test_empty_search_redirects_home(client):
    response = client.get("/search/?q=")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_pages_only_accept_get(client):
    assert client.post("/").status_code == 405
