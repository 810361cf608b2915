import pytest

from bookmarks.extensions import db
from bookmarks.models import Bookmark, Tag

VALID = {
    "url": "https://palletsprojects.com/",
    "title": "Pallets projects",
    "notes": "Flask, Jinja, Werkzeug & friends.",
    "tags": "Python, Web Dev, python",
}


def test_new_form_is_shown(client):
    response = client.get("/bookmarks/new/")
    assert response.status_code == 200
    assert b'name="url"' in response.data
    assert b'name="private"' in response.data


def test_valid_post_saves_and_redirects(client, app):
    response = client.post("/bookmarks/new/", data=VALID)
    assert response.status_code == 302
    page = client.get(response.headers["Location"])
    assert b"Bookmark saved." in page.data  # the flashed message
    with app.app_context():
        query = db.select(Bookmark).filter_by(title=VALID["title"])
        bookmark = db.session.scalar(query)
        assert bookmark.owner.username == "demo"
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
    ],
)
def test_invalid_data_shows_errors(client, app, field, value, message):
    response = client.post("/bookmarks/new/", data={**VALID, field: value})
    assert response.status_code == 200  # the form again, not a redirect
    assert message in response.data
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Bookmark.id))) == 3
