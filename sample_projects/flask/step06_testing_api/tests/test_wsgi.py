import importlib
import sys

import pytest


@pytest.fixture
def import_wsgi(monkeypatch):
    """Import wsgi.py afresh, as a WSGI server would."""
    monkeypatch.setenv("DATABASE_URL", "sqlite://")
    monkeypatch.delitem(sys.modules, "wsgi", raising=False)
    return lambda: importlib.import_module("wsgi")


def test_wsgi_app_uses_production_settings(monkeypatch, import_wsgi):
    monkeypatch.setenv("SECRET_KEY", "a-long-random-production-key")
    app = import_wsgi().app
    assert app.config["SECRET_KEY"] == "a-long-random-production-key"
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert not app.debug and not app.testing


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL"])
def test_wsgi_refuses_to_start_without_secrets(monkeypatch, import_wsgi, missing):
    monkeypatch.setenv("SECRET_KEY", "a-long-random-production-key")
    monkeypatch.delenv(missing)
    with pytest.raises(RuntimeError, match=missing):
        import_wsgi()
