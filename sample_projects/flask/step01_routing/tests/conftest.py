import pytest

from bookmarks import create_app


@pytest.fixture
def app():
    """A fresh app for each test, in testing mode."""
    return create_app({"TESTING": True})


@pytest.fixture
def client(app):
    """Sends requests to the app without a running server."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """Runs the app's command-line commands."""
    return app.test_cli_runner()
