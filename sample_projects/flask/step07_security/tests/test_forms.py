import pytest

from bookmarks.extensions import db
from bookmarks.models import Bookmark, Tag

VALID = {
    "url": "https://palletsprojects.com/",
    "title": "Pallets projects",
    "notes": "Flask, Jinja, Werkzeug & friends.",
    "tags": "Python, Web Dev, python",
}


def count_bookmarks(app):
    with app.app_context():
        return db.session.scalar(db.select(db.func.count(Bookmark.id)))


def test_new_needs_login(client):
    response = client.get("/bookmarks/new/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/accounts/login/?next=%2Fbookmarks%2Fnew%2F"


def test_new_form_is_shown(client, auth):
    auth.login()
    response = client.get("/bookmarks/new/")
    assert response.status_code == 200
    assert b'name="url"' in response.data
    assert b'name="private"' in response.data


def test_new_bookmark_belongs_to_the_logged_in_user(client, auth, app):
    auth.login("bob")
    response = client.post("/bookmarks/new/", data=VALID)
    assert response.status_code == 302
    page = client.get(response.headers["Location"])
    assert b"Bookmark saved." in page.data  # the flashed message
    with app.app_context():
        query = db.select(Bookmark).filter_by(title=VALID["title"])
        bookmark = db.session.scalar(query)
        assert bookmark.owner.username == "bob"
        assert [tag.name for tag in bookmark.tags] == ["python", "web-dev"]
        # "python" existed already: it is reused, not duplicated.
        pythons = db.session.scalars(db.select(Tag).filter_by(name="python"))
        assert len(pythons.all()) == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("url", "javascript:alert(1)", b"http:// or https://"),
        ("url", "ftp://example.com/file", b"http:// or https://"),
        ("url", "https://example.com/" + "a" * 2000, b"2000 characters"),
        ("title", "", b"This field is required."),
        ("title", "x" * 201, b"200 characters"),
        ("tags", "x" * 51, b"at most 50 characters"),
    ],
)
def test_invalid_data_shows_errors(client, auth, app, field, value, message):
    auth.login()
    response = client.post("/bookmarks/new/", data={**VALID, field: value})
    assert response.status_code == 200  # the form again, not a redirect
    assert message in response.data
    assert count_bookmarks(app) == 3


def test_edit_form_starts_from_the_bookmark(client, auth):
    auth.login("alice")
    page = client.get("/bookmarks/1/edit/").data.decode()
    assert 'value="Flask docs"' in page
    assert 'value="flask, python"' in page  # the tags, as text


def test_edit_saves_changes(client, auth, app):
    auth.login("alice")
    data = {**VALID, "title": "Flask documentation", "tags": "flask"}
    response = client.post("/bookmarks/1/edit/", data=data)
    assert response.headers["Location"] == "/bookmarks/1/"
    page = client.get("/bookmarks/1/").data
    assert b"Flask documentation" in page
    assert b'href="/tags/python/"' not in page


def test_delete(client, auth, app):
    auth.login("alice")
    response = client.post("/bookmarks/1/delete/")
    assert response.headers["Location"] == "/users/alice/"
    assert client.get("/bookmarks/1/").status_code == 404
    assert count_bookmarks(app) == 2


def test_delete_needs_a_post(client, auth):
    auth.login("alice")
    assert client.get("/bookmarks/1/delete/").status_code == 405
