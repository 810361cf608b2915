from contextlib import contextmanager
from datetime import datetime

import pytest
from sqlalchemy import event

from bookmarks.extensions import db
from bookmarks.models import Bookmark, Tag, User


def test_index_shows_public_bookmarks_newest_first(client):
    page = client.get("/").data.decode()
    assert page.index("Python home") < page.index("Flask docs")
    assert "secret diary" not in page


@pytest.fixture
def many_bookmarks(app):
    """25 more public bookmarks, numbered 0 (oldest) to 24 (newest)."""
    with app.app_context():
        bob = db.session.scalar(db.select(User).filter_by(username="bob"))
        db.session.add_all(
            Bookmark(
                owner=bob,
                url=f"https://example.com/{n}",
                title=f"Number {n:02}",
                created_at=datetime(2025, 2, 1, 0, n),
            )
            for n in range(25)
        )
        db.session.commit()


def test_pages_have_20_bookmarks(client, many_bookmarks):
    first = client.get("/").data.decode()
    assert first.count('class="bookmark"') == 20
    assert "Number 24" in first and "Number 04" not in first
    assert 'href="/?page=2"' in first
    second = client.get("/?page=2").data.decode()
    assert second.count('class="bookmark"') == 7  # 5 numbered + 2 from conftest
    assert client.get("/?page=3").status_code == 404


def test_detail(client):
    response = client.get("/bookmarks/1/")
    assert response.status_code == 200
    assert b"Flask docs" in response.data
    assert b'href="/users/alice/"' in response.data
    assert b'href="/tags/flask/"' in response.data


def test_detail_of_unknown_bookmark_is_404(client):
    assert client.get("/bookmarks/999/").status_code == 404


def test_detail_of_private_bookmark_is_404(client):
    assert client.get("/bookmarks/2/").status_code == 404


def test_index_shows_the_popular_tags(client):
    page = client.get("/").data.decode()
    # python is on two public bookmarks (the private one doesn't count), flask on one.
    assert page.index("python (2)") < page.index("flask (1)")


@contextmanager
def count_queries(app):
    """Collect the SQL statements that run inside the block."""
    statements = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        ("/", 4),  # popular tags, count, bookmarks with owners, their tags
        ("/tags/python/", 4),  # the tag, count, bookmarks with owners, tags
        ("/users/bob/", 4),  # the user, count, bookmarks with owners, tags
        ("/search/?q=number", 3),  # count, bookmarks with owners, tags
        ("/api/bookmarks/", 2),  # bookmarks with owners, their tags
    ],
)
def test_list_pages_run_a_fixed_number_of_queries(app, client, path, queries):
    """20 bookmarks by 20 owners with 40 tags still take the same few queries."""
    with app.app_context():
        python = db.session.scalar(db.select(Tag).filter_by(name="python"))
        for n in range(20):
            owner = User(username=f"user{n}", password_hash="!")
            if n == 0:
                owner = db.session.scalar(db.select(User).filter_by(username="bob"))
            tags = [python, Tag(name=f"tag{n}")]
            db.session.add(
                Bookmark(
                    owner=owner,
                    url="https://example.com/",
                    title=f"Number {n}",
                    tags=tags,
                )
            )
        db.session.commit()
    with count_queries(app) as statements:
        assert client.get(path).status_code == 200
    assert len(statements) == queries, "\n".join(statements)


def test_url_without_trailing_slash_redirects(client):
    response = client.get("/bookmarks/1")
    assert response.status_code == 308
    assert response.headers["Location"].endswith("/bookmarks/1/")


def test_tag_page_shows_public_bookmarks_with_that_tag(client):
    python = client.get("/tags/python/").data
    assert b"Flask docs" in python and b"Python home" in python
    assert b"secret diary" not in python
    assert b"Python home" not in client.get("/tags/flask/").data


def test_unknown_tag_is_404(client):
    assert client.get("/tags/cobol/").status_code == 404


def test_user_page_shows_their_public_bookmarks(client):
    page = client.get("/users/alice/").data
    assert b"Flask docs" in page
    assert b"Python home" not in page
    assert b"secret diary" not in page


def test_unknown_user_is_404(client):
    assert client.get("/users/nobody/").status_code == 404


@pytest.mark.parametrize(
    ("q", "found"),
    [
        ("FLASK", "Flask docs"),  # title, any case
        ("python.org", "Python home"),  # url
        ("tutorial", "Flask docs"),  # notes
    ],
)
def test_search_looks_in_title_url_and_notes(client, q, found):
    assert found.encode() in client.get("/search/", query_string={"q": q}).data


def test_search_leaves_out_private_bookmarks(client):
    assert b"secret diary" not in client.get("/search/?q=diary").data


@pytest.mark.parametrize("q", ["%", "_", "' OR 1=1 --"])
def test_search_text_is_data_not_sql(client, q):
    response = client.get("/search/", query_string={"q": q})
    assert response.status_code == 200
    assert b"No bookmarks here." in response.data


def test_empty_search_redirects_home(client):
    response = client.get("/search/?q=")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_pages_only_accept_get(client):
    assert client.post("/").status_code == 405
