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


def test_bulk_actions_make_bookmarks_private_and_public(client, auth, app):
    auth.login("sam")
    data = {"action": "make_private", "rowid": ["1", "3"]}
    response = client.post("/admin/bookmark/action/", data=data, follow_redirects=True)
    assert b"2 bookmark(s) made private." in response.data
    assert b"Python home" not in client.get("/").data
    client.post("/admin/bookmark/action/", data={"action": "make_public", "rowid": "3"})
    assert b"Python home" in client.get("/").data


def test_bulk_delete(client, auth):
    auth.login("sam")
    data = {"action": "delete", "rowid": ["3"]}
    client.post("/admin/bookmark/action/", data=data)
    assert client.get("/bookmarks/3/").status_code == 404


def test_user_page_edits_their_bookmarks_inline(client, auth):
    auth.login("sam")
    page = client.get("/admin/user/edit/?id=1").data.decode()
    assert 'name="bookmarks-0-title"' in page and "Flask docs" in page
