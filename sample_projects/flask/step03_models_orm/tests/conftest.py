import os
from datetime import datetime

import pytest

from bookmarks import create_app
from bookmarks.demo import BOOKMARKS
from bookmarks.extensions import db
from bookmarks.models import Bookmark, Tag, User


@pytest.fixture(scope="session")
def app():
    """One app for the whole test run, with an in-memory database.

    Building an app takes a moment and so does compiling its templates, so
    the tests share one app; the `database` fixture below gives each test
    fresh data. CSRF checks are off so tests can post forms directly
    (test_csrf.py switches them back on to test them).
    """
    return create_app(
        {
            "TESTING": True,
            # SQLite in memory: fast, and gone after. TEST_DATABASE_URL runs the
            # suite on another server (PostgreSQL in CI), in a database it may empty.
            "SQLALCHEMY_DATABASE_URI": os.environ.get("TEST_DATABASE_URL", "sqlite://"),
            "WTF_CSRF_ENABLED": False,
        }
    )


@pytest.fixture(autouse=True)
def database(app):
    """Fresh tables and test data for every test, dropped afterwards.

    Migrations build the real database; tests make it from the models.
    """
    with app.app_context():
        db.create_all()
        add_test_data()
    yield
    with app.app_context():
        db.drop_all()


def add_test_data():
    """Users alice and bob; bookmarks 1 and 2 (private) by alice, 3 by bob."""
    alice = User(username="alice", password_hash="!")
    bob = User(username="bob", password_hash="!")
    python, flask = Tag(name="python"), Tag(name="flask")
    # No explicit ids: fresh tables number rows from 1 in the order they join
    # the session, so each row is added before anything links to it.
    db.session.add_all([alice, bob, python, flask])
    db.session.add(
        Bookmark(
            owner=alice,
            url="https://flask.palletsprojects.com/",
            title="Flask docs",
            notes="Start with the tutorial.",
            tags=[python, flask],
            created_at=datetime(2025, 1, 1),
        )
    )
    db.session.add(
        Bookmark(
            owner=alice,
            url="https://example.com/diary",
            title="Alice's secret diary",
            private=True,
            tags=[python],
            created_at=datetime(2025, 1, 2),
        )
    )
    db.session.add(
        Bookmark(
            owner=bob,
            url="https://www.python.org/",
            title="Python home",
            notes="Downloads and documentation.",
            tags=[python],
            created_at=datetime(2025, 1, 3),
        )
    )
    db.session.commit()


@pytest.fixture(autouse=True)
def demo_list():
    """The pages keep their bookmarks in a module-level list until lesson 4
    moves them to the database: undo whatever a test added to it."""
    saved = list(BOOKMARKS)
    yield
    BOOKMARKS[:] = saved


@pytest.fixture
def client(app):
    """Sends requests to the app without a running server."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """Runs the app's command-line commands."""
    return app.test_cli_runner()
