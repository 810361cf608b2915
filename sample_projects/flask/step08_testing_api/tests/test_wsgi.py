import importlib
import sys

import pytest

KEY = "k" * 20 + "-a-long-random-production-secret-key-0123456789"


@pytest.fixture
def import_wsgi(monkeypatch):
    """Import wsgi.py afresh, as a WSGI server would."""
    monkeypatch.setenv("DATABASE_URL", "sqlite://")
    monkeypatch.setenv("TRUSTED_HOSTS", "bookmarks.example.org")
    monkeypatch.delitem(sys.modules, "wsgi", raising=False)
    return lambda: importlib.import_module("wsgi")


def test_wsgi_app_uses_production_settings(monkeypatch, import_wsgi):
    monkeypatch.setenv("SECRET_KEY", KEY)
    app = import_wsgi().app
    assert app.config["SECRET_KEY"] == KEY
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["TRUSTED_HOSTS"] == ["bookmarks.example.org"]
    assert not app.debug and not app.testing


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "TRUSTED_HOSTS"])
def test_wsgi_refuses_to_start_without_secrets(monkeypatch, import_wsgi, missing):
    monkeypatch.setenv("SECRET_KEY", KEY)
    monkeypatch.delenv(missing)
    with pytest.raises(RuntimeError, match=missing):
        import_wsgi()
