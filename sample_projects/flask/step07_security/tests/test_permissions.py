"""Who may see and change what. Bookmark 1 is alice's, 2 is alice's private
one, 3 is bob's."""

import pytest

EDIT_AND_DELETE = [
    ("get", "/bookmarks/{}/edit/"),
    ("post", "/bookmarks/{}/edit/"),
    ("post", "/bookmarks/{}/delete/"),
]


@pytest.mark.parametrize(("method", "path"), EDIT_AND_DELETE)
def test_strangers_are_sent_to_log_in(client, method, path):
    response = getattr(client, method)(path.format(1))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize(("method", "path"), EDIT_AND_DELETE)
def test_others_get_403_for_a_public_bookmark(client, auth, method, path):
    auth.login("bob")
    assert getattr(client, method)(path.format(1)).status_code == 403


@pytest.mark.parametrize(("method", "path"), EDIT_AND_DELETE)
def test_others_get_404_for_a_private_bookmark(client, auth, method, path):
    auth.login("bob")
    assert getattr(client, method)(path.format(2)).status_code == 404


def test_private_bookmark_is_404_to_strangers_and_others(client, auth):
    assert client.get("/bookmarks/2/").status_code == 404
    auth.login("bob")
    assert client.get("/bookmarks/2/").status_code == 404


def test_private_bookmark_is_shown_to_its_owner(client, auth):
    auth.login("alice")
    response = client.get("/bookmarks/2/")
    assert response.status_code == 200
    assert b"Private" in response.data


def test_only_the_owner_sees_edit_and_delete_buttons(client, auth):
    assert b"/bookmarks/1/edit/" not in client.get("/bookmarks/1/").data
    auth.login("alice")
    page = client.get("/bookmarks/1/").data
    assert b'href="/bookmarks/1/edit/"' in page
    assert b'action="/bookmarks/1/delete/"' in page


def test_user_page_shows_private_bookmarks_to_their_owner_only(client, auth):
    assert b"secret diary" not in client.get("/users/alice/").data
    auth.login("bob")
    assert b"secret diary" not in client.get("/users/alice/").data
    auth.logout()
    auth.login("alice")
    assert b"secret diary" in client.get("/users/alice/").data


def test_private_bookmarks_stay_out_of_every_list(client, auth):
    auth.login("alice")  # even for their owner, lists other than theirs are public
    for path in ("/", "/tags/python/", "/search/?q=diary", "/api/bookmarks/"):
        assert b"secret diary" not in client.get(path).data
