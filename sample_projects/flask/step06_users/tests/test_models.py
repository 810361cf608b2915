import pytest
from sqlalchemy.exc import IntegrityError

from bookmarks.extensions import db
from bookmarks.models import Bookmark, Tag, User
from bookmarks.queries import get_or_create_tags


def test_defaults(app):
    with app.app_context():
        bob = db.session.scalar(db.select(User).filter_by(username="bob"))
        bookmark = Bookmark(owner=bob, url="https://example.com/", title="Example")
        db.session.add(bookmark)
        db.session.commit()
        assert bookmark.private is False
        assert bookmark.notes == ""
        assert bookmark.created_at is not None
        assert bob.is_staff is False


def test_relationships_work_both_ways(app):
    with app.app_context():
        alice = db.session.scalar(db.select(User).filter_by(username="alice"))
        assert {b.title for b in alice.bookmarks} == {
            "Flask docs",
            "Alice's secret diary",
        }
        python = db.session.scalar(db.select(Tag).filter_by(name="python"))
        assert len(python.bookmarks) == 3


def test_tag_names_are_unique(app):
    with app.app_context():
        db.session.add(Tag(name="python"))
        with pytest.raises(IntegrityError):
            db.session.commit()


def test_usernames_are_unique(app):
    with app.app_context():
        db.session.add(User(username="alice", password_hash="!"))
        with pytest.raises(IntegrityError):
            db.session.commit()


def test_get_or_create_tags_reuses_existing_tags(app):
    with app.app_context():
        python, web = get_or_create_tags(["python", "web"])
        assert python.id is not None  # already in the database
        assert web.id is None  # new, saved along with its bookmark
