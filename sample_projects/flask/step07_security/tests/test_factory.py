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


GOOD_KEY = "k" * 20 + "-a-long-random-production-secret-key-0123456789"


@pytest.mark.parametrize("key", [None, "", "dev", "DEV", "changeme", "x" * 49])
def test_production_refuses_missing_known_or_short_keys(monkeypatch, key):
    monkeypatch.setenv("BOOKMARKS_ENV", "production")
    if key is None:
        monkeypatch.delenv("SECRET_KEY", raising=False)
    else:
        monkeypatch.setenv("SECRET_KEY", key)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app()


@pytest.mark.parametrize("hosts", [None, "", " , "])
def test_production_refuses_to_start_without_trusted_hosts(monkeypatch, hosts):
    monkeypatch.setenv("BOOKMARKS_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", GOOD_KEY)
    if hosts is None:
        monkeypatch.delenv("TRUSTED_HOSTS", raising=False)
    else:
        monkeypatch.setenv("TRUSTED_HOSTS", hosts)
    with pytest.raises(RuntimeError, match="TRUSTED_HOSTS"):
        create_app()


def test_production_settings(monkeypatch):
    monkeypatch.setenv("BOOKMARKS_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", GOOD_KEY)
    monkeypatch.setenv("TRUSTED_HOSTS", "example.org, www.example.org")
    app = create_app()
    assert app.config["SECRET_KEY"] == GOOD_KEY
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["HTTPS_ONLY"] is True
    assert app.config["TRUSTED_HOSTS"] == ["example.org", "www.example.org"]
