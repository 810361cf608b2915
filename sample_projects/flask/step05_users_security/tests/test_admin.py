import pytest


@pytest.mark.parametrize("path", ["/admin/", "/admin/bookmark/", "/admin/user/"])
def test_anonymous_users_are_sent_to_log_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/login/?next=%2Fadmin%2F")


@pytest.mark.parametrize("path", ["/admin/", "/admin/bookmark/", "/admin/user/"])
def test_users_who_are_not_staff_are_refused(client, auth, path):
    auth.login("alice")
    assert client.get(path).status_code == 403


def test_staff_see_the_bookmark_list(client, auth):
    auth.login("sam")
    page = client.get("/admin/bookmark/").data.decode()
    assert "Flask docs" in page and "secret diary" in page  # private ones too
    for heading in ("Title", "Owner", "Created At"):
        assert heading in page


def test_staff_can_search_bookmarks(client, auth):
    auth.login("sam")
    page = client.get("/admin/bookmark/?search=python.org").data.decode()
    assert "Python home" in page and "Flask docs" not in page


def test_staff_can_filter_by_private_and_tag(client, auth):
    auth.login("sam")
    # Filters are URL arguments: flt<position>_<filter number>=<value>.
    private = client.get("/admin/bookmark/?flt0_7=1").data.decode()
    assert "secret diary" in private and "Flask docs" not in private
    flask = client.get("/admin/bookmark/?flt0_2=flask").data.decode()
    assert "Flask docs" in flask and "Python home" not in flask


def test_admin_rejects_javascript_urls(client, auth):
    auth.login("sam")
    data = {"url": "javascript:alert(1)", "title": "Sneaky", "owner": "1"}
    response = client.post("/admin/bookmark/new/", data=data)
    assert b"http:// or https://" in response.data


def test_user_admin_never_shows_password_hashes(client, auth):
    auth.login("sam")
    for path in ("/admin/user/", "/admin/user/edit/?id=1"):
        page = client.get(path).data.decode()
        assert "pbkdf2" not in page
        assert "password" not in page.lower()
