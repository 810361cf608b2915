import pytest
from flask import session

from bookmarks.extensions import db
from bookmarks.models import User


def test_login_page(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert b'name="username"' in response.data
    assert b'type="password"' in response.data


def test_login_remembers_the_user(client, auth):
    response = auth.login()
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    with client:
        page = client.get("/")
        assert session["_user_id"] == "1"  # alice
        assert b'href="/users/alice/">alice</a>' in page.data


def test_wrong_password_is_refused(client, auth):
    response = auth.login(password="guess")
    assert response.status_code == 200
    assert b"Wrong username or password." in response.data
    assert b"Log in" in client.get("/").data


def test_unknown_user_gets_the_same_message(auth):
    response = auth.login(username="mallory")
    assert b"Wrong username or password." in response.data


def test_logout(client, auth):
    auth.login()
    response = auth.logout()
    assert response.status_code == 302
    with client:
        client.get("/")
        assert "_user_id" not in session


def test_logout_needs_a_post(client, auth):
    auth.login()
    assert client.get("/accounts/logout/").status_code == 405


def test_passwords_are_stored_as_scrypt_hashes():
    user = User(username="carol")
    user.set_password("s3cret!")
    assert user.password_hash.startswith("scrypt:")
    assert "s3cret!" not in user.password_hash
    assert user.check_password("s3cret!")


def test_the_demo_user_cannot_log_in(runner, auth):
    runner.invoke(args=["seed-demo"])
    response = auth.login(username="demo", password="!")
    assert b"Wrong username or password." in response.data


def test_register_creates_the_user_and_logs_in(client, app, quick_hashing):
    data = {"username": "carol", "password1": "pw-carol-1", "password2": "pw-carol-1"}
    response = client.post("/accounts/register/", data=data)
    assert response.headers["Location"] == "/"
    assert b'href="/users/carol/">carol</a>' in client.get("/").data
    with app.app_context():
        carol = db.session.scalar(db.select(User).filter_by(username="carol"))
        assert carol.check_password("pw-carol-1")
        assert not carol.is_staff


@pytest.mark.parametrize(
    ("username", "password1", "password2", "message"),
    [
        ("alice", "long-enough", "long-enough", b"That username is taken."),
        ("carol", "long-enough", "different!", b"The passwords differ."),
        ("carol", "short", "short", b"at least 8 characters"),
        ("../admin", "long-enough", "long-enough", b"Use letters, digits"),
        ("", "long-enough", "long-enough", b"This field is required."),
    ],
)
def test_register_validates(client, username, password1, password2, message):
    data = {"username": username, "password1": password1, "password2": password2}
    response = client.post("/accounts/register/", data=data)
    assert response.status_code == 200
    assert message in response.data


def test_login_follows_a_safe_next(client):
    data = {"username": "alice", "password": "correct horse battery staple"}
    response = client.post("/accounts/login/?next=/bookmarks/new/", data=data)
    assert response.headers["Location"] == "/bookmarks/new/"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example/",
        "/\t/evil.example/",
        "javascript:alert(1)",
        "evil.example",
    ],
)
def test_login_ignores_an_unsafe_next(client, target):
    data = {"username": "alice", "password": "correct horse battery staple"}
    response = client.post("/accounts/login/", query_string={"next": target}, data=data)
    assert response.headers["Location"] == "/"
