import pytest

from bookmarks.demo import BOOKMARKS

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


def test_valid_post_saves_and_redirects(client):
    response = client.post("/bookmarks/new/", data=VALID)
    assert response.status_code == 302
    page = client.get(response.headers["Location"])
    assert b"Bookmark saved." in page.data  # the flashed message
    assert b"Pallets projects" in page.data
    assert b'href="/tags/web-dev/"' in page.data  # tags became slugs
    assert b"Pallets projects" in client.get("/").data


def test_tags_are_cleaned_up(client):
    client.post("/bookmarks/new/", data=VALID)
    assert BOOKMARKS[0]["tags"] == ["python", "web-dev"]


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
def test_invalid_data_shows_errors(client, field, value, message):
    response = client.post("/bookmarks/new/", data={**VALID, field: value})
    assert response.status_code == 200  # the form again, not a redirect
    assert message in response.data
    assert b"Pallets projects" not in client.get("/").data
