"""The Bookmarks contract (docs/app-spec.md), checked over HTTP only.

Each assertion names the app and the clause it checks, e.g.
"[flask step08_testing_api] R5: a private bookmark must be 404 to other users".
"""

from __future__ import annotations

import json
import re
from datetime import datetime

import pytest

from .conftest import PASSWORD
from .site import bookmark_ids, forms_in, is_offsite

REDIRECT = (301, 302, 303, 307, 308)
since = pytest.mark.since  # the step that introduces the clause (docs/app-spec.md)


def text(response) -> str:
    return response.get_data(as_text=True)


def api_item(visitor, bookmark_id) -> dict:
    """A public bookmark as the API shows it (its owner's name, for one)."""
    items = json.loads(text(visitor.get("/api/bookmarks/")))
    return next(item for item in items if item["id"] == bookmark_id)


# --- Routes -------------------------------------------------------------------------


@since(4)
def test_slashless_paths_redirect_to_the_slash(browser, app_under_test, label):
    paths = ["/search", "/api/bookmarks"]
    if app_under_test.number >= 6:
        paths.append("/accounts/login")
    for path in paths:
        response = browser().get(path)
        assert response.status_code in REDIRECT, f"[{label}] routes: {path} → redirect"
        assert response.headers["Location"].endswith(path + "/"), f"[{label}] routes"


@since(4)
def test_index_is_newest_first_and_paginated_with_popular_tags(author, browser, label):
    me = author()
    # The three oldest, only on page 2, share the most used tag; the rest have a
    # tag each. Page 1 links to the shared tag only through its popular tags.
    ids = [me.add_bookmark(title=f"Old {n}", tags="oldfavourite") for n in range(3)]
    ids += [me.add_bookmark(title=f"Bookmark {n}", tags=f"tag{n}") for n in range(20)]
    home = text(browser().get("/"))
    first = bookmark_ids(home)
    assert first[:20] == ids[::-1][:20], f"[{label}] R1: 20 newest first on page 1"
    assert len(first) == 20, f"[{label}] R1: 20 a page, got {len(first)}"
    second = bookmark_ids(text(browser().get("/?page=2")))
    assert second == ids[::-1][20:], f"[{label}] R1: the rest on ?page=2"
    assert 'href="/tags/oldfavourite/"' in home, f"[{label}] R1: popular tags"


@since(4)
def test_private_bookmarks_stay_private(author, browser, label):
    owner = author()
    hidden = owner.add_bookmark(title="Secret plans", tags="plans", private=True)
    shown = owner.add_bookmark(title="Open plans", tags="plans")
    anonymous = browser()
    owner_name = api_item(anonymous, shown)["owner"]
    for path in ("/", "/tags/plans/", "/search/?q=plans", f"/users/{owner_name}/"):
        ids = bookmark_ids(text(anonymous.get(path)))
        assert hidden not in ids, f"[{label}] R1-R4: private bookmark listed on {path}"
        assert shown in ids, f"[{label}] R1-R4: public bookmark missing on {path}"
    status = anonymous.get(f"/bookmarks/{hidden}/").status_code
    assert status == 404, f"[{label}] R5: private is 404 to others, got {status}"


@since(6)
def test_owners_see_their_private_bookmarks(user, label):
    owner, other = user(), user()
    hidden = owner.add_bookmark(title="Secret plans", tags="plans", private=True)
    assert hidden in bookmark_ids(text(owner.get(f"/users/{owner.username}/"))), (
        f"[{label}] R4: users see their own private bookmarks on their page"
    )
    status = other.get(f"/bookmarks/{hidden}/").status_code
    assert status == 404, f"[{label}] R5: private is 404 to others, got {status}"
    assert owner.get(f"/bookmarks/{hidden}/").status_code == 200, f"[{label}] R5"


@since(4)
def test_tag_pages(author, browser, label):
    me = author()
    tagged = me.add_bookmark(title="Tagged", tags="python, web")
    untagged = me.add_bookmark(title="Untagged", tags="cooking")
    ids = bookmark_ids(text(browser().get("/tags/python/")))
    assert tagged in ids and untagged not in ids, f"[{label}] R2: /tags/python/"


@since(4)
def test_search_ignores_case_and_looks_at_title_url_and_notes(author, browser, label):
    me = author()
    by_title = me.add_bookmark(title="The ZEBRA guide")
    by_url = me.add_bookmark(url="https://zebra.example/", title="Stripes")
    by_notes = me.add_bookmark(title="Savanna", notes="a zebra lives here")
    other = me.add_bookmark(title="Lions")
    ids = bookmark_ids(text(browser().get("/search/?q=zEbRa")))
    assert {by_title, by_url, by_notes} <= set(ids), f"[{label}] R3: all three found"
    assert other not in ids, f"[{label}] R3: only matches"


@since(4)
def test_search_never_builds_sql_from_text(author, browser, label):
    author().add_bookmark(title="Innocent")
    for q in ("' OR '1'='1", '" OR 1=1 --', "%", "_"):
        response = browser().get("/search/", query_string={"q": q})
        assert response.status_code == 200, f"[{label}] S3: q={q!r} → 200"
        assert bookmark_ids(text(response)) == [], f"[{label}] S3: q={q!r} matched"


@since(6)
def test_new_bookmark_needs_login(browser, label):
    response = browser().get("/bookmarks/new/")
    assert response.status_code in REDIRECT, f"[{label}] R6: anonymous → login"
    location = response.headers["Location"]
    assert "/accounts/login/" in location and "next=" in location, (
        f"[{label}] R6: redirect to login with next, got {location}"
    )


@since(4)
def test_form_pages_carry_a_csrf_token(author, browser, app_under_test, label):
    me = author()
    pages = ["/accounts/login/", "/accounts/register/"]
    for path in pages if app_under_test.number >= 6 else []:
        hidden = browser().hidden_fields(path, ("username",))
        assert any("csrf" in name for name in hidden), f"[{label}] S1: {path} token"
    hidden = me.hidden_fields("/bookmarks/new/", ("url",))
    assert any("csrf" in name for name in hidden), f"[{label}] S1: new bookmark form"


@since(4)
def test_post_without_csrf_token_is_refused(author, label):
    me = author()
    me.add_bookmark(title="Before")  # the session exists and has a token
    before = bookmark_ids(text(me.get("/")))
    response = me.post("/bookmarks/new/", {"url": "https://x.example/", "title": "x"})
    assert response.status_code in (400, 403), (
        f"[{label}] S1: got {response.status_code}"
    )
    after = bookmark_ids(text(me.get("/")))
    assert after == before, f"[{label}] S1: the POST without a token saved a bookmark"


@since(4)
def test_user_text_is_escaped(author, browser, label):
    me = author()
    bookmark = me.add_bookmark(
        title="<script>alert('t')</script>", notes="<b>bold</b>", tags="xss"
    )
    owner = api_item(browser(), bookmark)["owner"]
    for path in (f"/bookmarks/{bookmark}/", "/", f"/users/{owner}/"):
        html = text(browser().get(path))
        assert "<script>alert(" not in html, f"[{label}] S2: raw script on {path}"
        assert "&lt;script&gt;" in html, f"[{label}] S2: escaped title on {path}"


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,hi", "ftp://x"],
)
@since(4)
def test_only_http_urls_are_accepted(author, url, label):
    me = author()
    response = me.submit("/bookmarks/new/", {"url": url, "title": "bad", "tags": ""})
    assert response.status_code == 200, f"[{label}] S2: {url} → form shown again"
    assert bookmark_ids(text(me.get("/"))) == [], (
        f"[{label}] S2: a {url.split(':')[0]} URL was saved"
    )


@since(6)
def test_only_the_owner_edits_and_deletes(user, browser, label):
    owner, other = user(), user()
    public = owner.add_bookmark(title="Mine")
    private = owner.add_bookmark(title="Mine, private", private=True)
    edit = {"url": "https://changed.example/", "title": "Changed", "tags": ""}
    form_page = f"/bookmarks/{public}/edit/"
    assert other.get(form_page).status_code == 403, f"[{label}] R7: others get 403"
    fields = other.hidden_fields("/bookmarks/new/")  # the other user's own token
    response = other.post(form_page, {**fields, **edit})
    assert response.status_code == 403, f"[{label}] R7: others' POST gets 403"
    response = other.post(f"/bookmarks/{public}/delete/", fields)
    assert response.status_code == 403, f"[{label}] R8: others' delete gets 403"
    for action in ("edit/", "delete/"):
        status = other.post(f"/bookmarks/{private}/{action}", fields).status_code
        assert status == 404, f"[{label}] R7/R8: others' private {action} → 404"
    response = owner.submit(form_page, edit)
    assert response.status_code in REDIRECT, f"[{label}] R7: owner edits"
    assert "Changed" in text(browser().get(f"/bookmarks/{public}/")), f"[{label}] R7"
    response = owner.submit(f"/bookmarks/{public}/delete/", {}, form_page=form_page)
    assert response.status_code in REDIRECT, f"[{label}] R8: owner deletes"
    assert browser().get(f"/bookmarks/{public}/").status_code == 404, f"[{label}] R8"


@since(6)
def test_registration_rejects_bad_input(browser, user, label):
    visitor = browser()
    bad = {"username": "mismatch", "password1": PASSWORD, "password2": PASSWORD + "x"}
    response = visitor.submit("/accounts/register/", bad)
    assert response.status_code == 200, f"[{label}] R9: mismatched passwords refused"
    taken = user().username
    response = browser().register(taken, PASSWORD)
    assert response.status_code == 200, f"[{label}] R9: a taken username is refused"
    response = browser().register(taken.upper(), PASSWORD)
    assert response.status_code == 200, f"[{label}] S7: {taken.upper()} next to {taken}"
    assert browser().login(taken.upper(), PASSWORD).status_code == 200, (
        f"[{label}] S7: {taken.upper()} was registered next to {taken}"
    )


@since(6)
def test_login_logout(browser, user, label):
    me = user()
    name = me.username
    assert me.logout().status_code in REDIRECT, f"[{label}] R11: POST logout"
    assert me.get("/bookmarks/new/").status_code in REDIRECT, f"[{label}] R11"
    wrong = me.login(name, "not the password")
    assert wrong.status_code == 200, f"[{label}] R10: a wrong password is refused"
    response = me.login(name, PASSWORD, next_="/search/?q=x")
    assert response.headers["Location"].endswith("/search/?q=x"), (
        f"[{label}] R10: same-site next is followed"
    )


@since(6)
@pytest.mark.parametrize(
    "target", ["//evil.example/", "https://evil.example/", "/\\evil.example"]
)
def test_login_never_redirects_off_site(user, browser, target, label):
    name = user().username
    response = browser().login(name, PASSWORD, next_=target)
    assert response.status_code in REDIRECT, f"[{label}] S5: login works"
    location = response.headers["Location"]
    assert not is_offsite(location) and not location.startswith("//"), (
        f"[{label}] S5: next={target} led to {location}"
    )


@since(7)
def test_session_cookie_flags(browser, user, label):
    visitor = browser()
    name = user().username
    response = visitor.login(name, PASSWORD)
    cookies = [
        c.strip()  # Django's header values start with a space
        for c in response.headers.getlist("Set-Cookie")
        if re.match(r"(session|sessionid)=", c.strip())
    ]
    assert cookies, f"[{label}] S4: login sets a session cookie"
    flags = cookies[-1].lower()
    assert "httponly" in flags, f"[{label}] S4: session cookie is HttpOnly"
    assert "samesite=lax" in flags, f"[{label}] S4: session cookie is SameSite=Lax"


@since(6)
def test_passwords_are_not_stored_in_clear(user, app_under_test, label):
    name = user().username  # registered with PASSWORD
    stored = app_under_test.stored()
    # The name proves the bytes are the app's database; the password must not be there.
    assert name.encode() in stored, f"[{label}] D1: the new user is not in the database"
    assert PASSWORD.encode() not in stored, f"[{label}] D1: a password stored in clear"


@since(4)
def test_api_lists_public_bookmarks_with_the_contract_fields(author, browser, label):
    me = author()
    shown = me.add_bookmark(title="API", notes="n", tags="api, json")
    hidden = me.add_bookmark(title="Hidden", tags="api", private=True)
    response = browser().get("/api/bookmarks/")
    assert response.status_code == 200 and response.is_json, f"[{label}] R12: JSON"
    items = {item["id"]: item for item in json.loads(text(response))}
    assert hidden not in items, f"[{label}] R12: private bookmark in the API"
    item = items[shown]
    expected = {"id", "url", "title", "notes", "tags", "owner", "created_at"}
    assert set(item) == expected, f"[{label}] R12: fields {sorted(item)}"
    assert sorted(item["tags"]) == ["api", "json"], f"[{label}] R12: tags"
    if me.username:  # before step 06 a demo user owns every bookmark
        assert item["owner"] == me.username, f"[{label}] R12: owner is the username"
    assert isinstance(item["owner"], str) and item["owner"], f"[{label}] R12: owner"
    datetime.fromisoformat(item["created_at"])  # R12: ISO 8601
    tagged = json.loads(text(browser().get("/api/bookmarks/?tag=json")))
    assert [i["id"] for i in tagged] == [shown], f"[{label}] R12: ?tag= filter"


@since(5)
def test_admin_is_for_staff_only(browser, user, staff, app_under_test, label):
    anonymous = browser().get("/admin/")
    assert anonymous.status_code in (*REDIRECT, 403), f"[{label}] R13: anonymous"
    if anonymous.status_code in REDIRECT:
        assert "login" in anonymous.headers["Location"], f"[{label}] R13"
    if app_under_test.number >= 6:  # anyone can sign up from step 06
        refused = user().get("/admin/")
        status = refused.status_code
        assert status in (*REDIRECT, 403), f"[{label}] R13: non-staff refused"
    response = staff().get("/admin/")
    assert response.status_code == 200, f"[{label}] R13: staff see the admin"
    assert re.search("bookmark", text(response), re.I), f"[{label}] R13: bookmarks"


@since(4)
def test_forms_have_the_contract_fields(author, browser, app_under_test, label):
    me = author()
    fields = {}
    for form in forms_in(text(me.get("/bookmarks/new/"))):
        fields |= form["fields"]
    for name in ("url", "title", "notes", "tags", "private"):
        assert name in fields, f"[{label}] R6: form field {name}"
    if app_under_test.number < 6:
        return
    register = text(browser().get("/accounts/register/"))
    for name in ("username", "password1", "password2"):
        assert f'name="{name}"' in register, f"[{label}] R9: form field {name}"


@since(4)
def test_field_limits(author, label):
    me = author()
    too_long = [
        {"title": "t" * 201, "url": "https://example.org/"},
        {"title": "ok", "url": "https://example.org/" + "a" * 1981},  # 2001 chars
    ]
    for values in too_long:
        response = me.submit("/bookmarks/new/", {"notes": "", "tags": "", **values})
        assert response.status_code == 200, f"[{label}] D2: over-long input refused"
    assert bookmark_ids(text(me.get("/"))) == [], f"[{label}] D2"
    longest = me.add_bookmark(title="t" * 200, url="https://example.org/" + "a" * 1980)
    assert longest, f"[{label}] D2: 200-character title and 2000-character url fit"


@since(4)
def test_tags_are_lowercase_and_shared(author, browser, label):
    first, second = author(), author()
    one = first.add_bookmark(title="One", tags="PYTHON")
    two = second.add_bookmark(title="Two", tags="python")
    ids = bookmark_ids(text(browser().get("/tags/python/")))
    assert {one, two} <= set(ids), f"[{label}] D3: one lowercase tag for both"
    items = json.loads(text(browser().get("/api/bookmarks/?tag=python")))
    assert all(item["tags"] == ["python"] for item in items), f"[{label}] D3"


@since(8)
def test_api_errors_answer_json(user, label):
    visitor = user()
    token = visitor.hidden_fields("/bookmarks/new/")  # so CSRF checks pass
    for method, path, status in [
        ("GET", "/api/no-such-thing/", 404),
        ("GET", "/api/bookmarks/?page=999", 404),
        ("POST", "/api/bookmarks/", 405),
    ]:
        response = visitor.client.open(path, method=method, data=token)
        assert response.status_code == status, f"[{label}] E1: {method} {path}"
        assert response.is_json, f"[{label}] E1: {method} {path} answers JSON"
        assert "error" in json.loads(text(response)), f"[{label}] E1: an error key"
    page = visitor.get("/no-such-page/")
    assert page.status_code == 404 and not page.is_json, f"[{label}] E1: HTML off /api/"
