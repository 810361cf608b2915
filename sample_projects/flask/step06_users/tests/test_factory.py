import pytest

from bookmarks import create_app


@pytest.fixture(autouse=True)
def memory_database(monkeypatch):
    """create_app() without test settings reads the environment: point it at
    an in-memory database so these tests leave no files behind."""
    monkeypatch.setenv("DATABASE_URL", "sqlite://")


def test_testing_flag():
    assert not create_app().testing
    assert create_app({"TESTING": True}).testing


def test_secret_key_has_a_development_default(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    assert create_app().config["SECRET_KEY"] == "dev"


def test_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    app = create_app()
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite://"
