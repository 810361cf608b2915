from datetime import datetime

import pytest

from bookmarks.extensions import db
from bookmarks.models import Bookmark, User


def test_list_public_bookmarks_newest_first(client):
    response = client.get("/api/bookmarks/")
    assert response.status_code == 200
    assert response.is_json
    titles = [b["title"] for b in response.get_json()]
    assert titles == ["Python home", "Flask docs"]  # not alice's private diary


def test_fields(client):
    flask_docs = client.get("/api/bookmarks/").get_json()[1]
    assert flask_docs == {
        "id": 1,
        "url": "https://flask.palletsprojects.com/",
        "title": "Flask docs",
        "notes": "Start with the tutorial.",
        "tags": ["flask", "python"],
        "owner": "alice",
        "created_at": "2025-01-01T00:00:00+00:00",
    }
    datetime.fromisoformat(flask_docs["created_at"])  # valid ISO 8601


def test_filter_by_tag(client):
    bookmarks = client.get("/api/bookmarks/?tag=flask").get_json()
    assert [b["title"] for b in bookmarks] == ["Flask docs"]


def test_unknown_tag_gives_an_empty_list(client):
    response = client.get("/api/bookmarks/?tag=cobol")
    assert response.status_code == 200
    assert response.get_json() == []
    assert "Link" not in response.headers


@pytest.fixture
def many_bookmarks(app):
    """25 more public bookmarks tagged nothing, by bob."""
    with app.app_context():
        bob = db.session.get(User, 2)
        db.session.add_all(
            Bookmark(owner=bob, url=f"https://example.com/{n}", title=f"Number {n}")
            for n in range(25)
        )
        db.session.commit()


def test_pages_of_20_with_link_headers(client, many_bookmarks):
    first = client.get("/api/bookmarks/")
    assert len(first.get_json()) == 20
    assert first.headers["Link"] == '</api/bookmarks/?page=2>; rel="next"'
    second = client.get("/api/bookmarks/?page=2")
    assert len(second.get_json()) == 7  # 25 + 2 public ones from conftest
    assert second.headers["Link"] == '</api/bookmarks/?page=1>; rel="prev"'


def test_page_past_the_end_is_a_json_404(client):
    response = client.get("/api/bookmarks/?page=9")
    assert response.status_code == 404
    assert response.get_json() == {"error": "Not Found"}
