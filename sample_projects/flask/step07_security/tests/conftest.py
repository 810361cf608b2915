import os
from datetime import datetime
from functools import partial

import pytest
from werkzeug.security import generate_password_hash

from bookmarks import create_app
from bookmarks.extensions import db
from bookmarks.models import Bookmark, Tag, User

PASSWORD = "correct horse battery staple"
# The app hashes with scrypt, slow on purpose; a quick hash keeps tests fast.
# check_password_hash() reads the method from the hash, so both work.
QUICK = "pbkdf2:sha256:1000"
QUICK_HASH = generate_password_hash(PASSWORD, method=QUICK)


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
    """Users alice, bob and sam (staff); bookmarks 1 and 2 (private) by alice,
    3 by bob."""
    alice = User(username="alice", password_hash=QUICK_HASH)
    bob = User(username="bob", password_hash=QUICK_HASH)
    sam = User(username="sam", password_hash=QUICK_HASH, is_staff=True)
    python, flask = Tag(name="python"), Tag(name="flask")
    # No explicit ids: fresh tables number rows from 1 in the order they join
    # the session, so each row is added before anything links to it.
    db.session.add_all([alice, bob, sam, python, flask])
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


@pytest.fixture
def quick_hashing(monkeypatch):
    """Make User.set_password() use the quick hash too, for tests that call it."""
    quick = partial(generate_password_hash, method=QUICK)
    monkeypatch.setattr("bookmarks.models.generate_password_hash", quick)


@pytest.fixture
def client(app):
    """Sends requests to the app without a running server."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """Runs the app's command-line commands."""
    return app.test_cli_runner()


class AuthActions:
    """Log the test client in and out through the real pages."""

    def __init__(self, client):
        self._client = client

    def login(self, username="alice", password=PASSWORD):
        data = {"username": username, "password": password}
        return self._client.post("/accounts/login/", data=data)

    def logout(self):
        return self._client.post("/accounts/logout/")


@pytest.fixture
def auth(client):
    return AuthActions(client)
