import pytest
from flask import session

from bookmarks import auth as auth_module
from bookmarks.extensions import db
from bookmarks.models import User

PASSWORD = "correct horse battery staple"  # conftest.py's users have it


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
        alice = db.session.get(User, 1)
        # The session holds alice's session token, not her id.
        assert session["_user_id"] == alice.session_token
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


def copy_of(app, client):
    """A second client with the same cookies: a stolen session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def test_logout_ends_copies_of_the_session_too(app, client, auth):
    auth.login()
    thief = copy_of(app, client)
    assert thief.get("/bookmarks/new/").status_code == 200  # the copy works...
    auth.logout()
    assert thief.get("/bookmarks/new/").status_code == 302  # ...until logout


def test_staff_logout_ends_admin_access_of_copies(app, client, auth):
    auth.login("sam")
    thief = copy_of(app, client)
    assert thief.get("/admin/").status_code == 200
    auth.logout()
    assert thief.get("/admin/").status_code == 302


def test_unknown_username_still_checks_a_hash(auth, monkeypatch):
    """Without the dummy hash, an unknown name answers faster than a known one."""
    checked = []
    real = auth_module.check_password_hash
    monkeypatch.setattr(
        auth_module, "check_password_hash", lambda *a: checked.append(a) or real(*a)
    )
    auth.login(username="mallory")
    assert len(checked) == 1 and checked[0][0] == auth_module.DUMMY_HASH


NEW_PASSWORD = "a brand new passphrase"


def change_password(client, old=PASSWORD, new=NEW_PASSWORD, again=None):
    data = {
        "old_password": old,
        "new_password1": new,
        "new_password2": new if again is None else again,
    }
    return client.post("/accounts/password/", data=data)


def test_password_change_ends_the_other_sessions(app, client, auth, quick_hashing):
    auth.login()
    elsewhere = app.test_client()
    type(auth)(elsewhere).login()  # a second browser
    response = change_password(client)
    assert response.status_code == 302
    assert client.get("/bookmarks/new/").status_code == 200  # still logged in here
    assert elsewhere.get("/bookmarks/new/").status_code == 302  # but not there
    assert auth.logout().status_code == 302
    assert auth.login(password=NEW_PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("old", "new", "again", "message"),
    [
        ("guess", NEW_PASSWORD, None, b"not your current password"),
        (PASSWORD, "12345678", None, b"too common"),
        (PASSWORD, NEW_PASSWORD, "typo", b"The passwords differ."),
        (PASSWORD, "alice1234", None, b"too much like your username"),
    ],
)
def test_password_change_validates(client, auth, old, new, again, message):
    auth.login()
    response = change_password(client, old, new, again)
    assert response.status_code == 200
    assert message in response.data


def test_password_change_needs_login(client):
    response = client.get("/accounts/password/")
    assert response.headers["Location"].startswith("/accounts/login/")


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
    data = {
        "username": "carol",
        "password1": "tulip garden 42",
        "password2": "tulip garden 42",
    }
    response = client.post("/accounts/register/", data=data)
    assert response.headers["Location"] == "/"
    assert b'href="/users/carol/">carol</a>' in client.get("/").data
    with app.app_context():
        carol = db.session.scalar(db.select(User).filter_by(username="carol"))
        assert carol.check_password("tulip garden 42")
        assert not carol.is_staff


@pytest.mark.parametrize(
    ("username", "password1", "password2", "message"),
    [
        ("alice", "long-enough", "long-enough", b"That username is taken."),
        ("ALICE", "long-enough", "long-enough", b"That username is taken."),
        ("carol", "password", "password", b"too common"),
        ("carol", "QWERTYUIOP", "QWERTYUIOP", b"too common"),
        ("carol", "73902614", "73902614", b"more than digits"),
        ("carolina", "carolina1", "carolina1", b"too much like your username"),
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
