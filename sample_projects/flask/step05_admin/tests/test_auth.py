from flask import session

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
        assert b"Log out alice" in page.data


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
    assert not user.check_password("S3CRET!")


def test_the_demo_user_cannot_log_in(runner, auth):
    runner.invoke(args=["seed-demo"])
    assert (
        b"Wrong username or password." in auth.login(username="demo", password="!").data
    )
