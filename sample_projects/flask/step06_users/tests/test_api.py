from datetime import datetime


def test_list_public_bookmarks_newest_first(client):
    response = client.get("/api/bookmarks/")
    assert response.status_code == 200
    assert response.is_json
    titles = [b["title"] for b in response.get_json()]
    assert titles == ["Python home", "Flask docs"]


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
    assert client.get("/api/bookmarks/?tag=cobol").get_json() == []
