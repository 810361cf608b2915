from bookmarks import create_app


def test_testing_flag():
    assert not create_app().testing
    assert create_app({"TESTING": True}).testing


def test_secret_key_has_a_development_default(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    assert create_app().config["SECRET_KEY"] == "dev"


def test_secret_key_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert create_app().config["SECRET_KEY"] == "from-the-environment"
