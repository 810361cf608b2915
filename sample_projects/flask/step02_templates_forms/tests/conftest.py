import pytest

from bookmarks import create_app
from bookmarks.demo import BOOKMARKS


@pytest.fixture
def app():
    """A fresh app for each test, in testing mode.

    CSRF checks are switched off so tests can post forms directly;
    test_csrf.py switches them back on to test them.
    """
    saved = list(BOOKMARKS)
    yield create_app({"TESTING": True, "WTF_CSRF_ENABLED": False})
    # The bookmarks live in a module-level list shared by every app, so undo
    # whatever the test added. (A database will make this unnecessary.)
    BOOKMARKS[:] = saved


@pytest.fixture
def client(app):
    """Sends requests to the app without a running server."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """Runs the app's command-line commands."""
    return app.test_cli_runner()
