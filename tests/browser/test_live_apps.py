"""Lesson 06's live app of each track, in a real browser, started from Lab.

The lesson is run with Run All; the link its live cell prints is clicked. A visitor
registers, keeps a private bookmark and a stranger cannot see it; a staff user works
in the admin: list, search, edit, delete one record and the bulk delete action.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .app_ui import (
    LiveApp,
    add_bookmark,
    log_in,
    log_out,
    register_and_keep_a_private_bookmark,
    start_live_app,
)
from .lab_ui import add_cell_at_end_and_run, output_text, wait_until_idle

STAFF_PASSWORD = "Staff-lantern-8812"
# A staff user the way the Django lesson's reader makes one: manage.py in the
# workspace, from a cell added to the notebook (%manage runs it there).
DJANGO_STAFF_CELL = f"""import os

os.environ["DJANGO_SUPERUSER_PASSWORD"] = "{STAFF_PASSWORD}"
%manage createsuperuser --noinput --username staffer --email staffer@example.com
"""


def new_context_page(browser) -> Page:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(60_000)
    return context.new_page()


@pytest.fixture(scope="module", params=["flask", "django"])
def live(request, lab, chromium_browser):
    page = new_context_page(chromium_browser)
    yield start_live_app(page, lab, request.param)
    page.context.close()


def test_visitor_keeps_a_private_bookmark_a_stranger_cannot_see(live, chromium_browser):
    stranger = new_context_page(chromium_browser)
    try:
        register_and_keep_a_private_bookmark(live, stranger)
    finally:
        stranger.context.close()


def csp_violations(page: Page) -> set[str]:
    """What the page's Content-Security-Policy refused (first sentence of each)."""
    found: set[str] = set()

    def note(message):
        if "Content Security Policy" in message.text:
            found.add(message.text.split(". ")[0])

    page.on("console", note)
    return found


def staff_adds_bookmarks(page: Page, live: LiveApp) -> tuple[str, str, str]:
    """Bookmarks of the admin check's own, added on the site: lesson data may change."""
    titles = tuple(f"Admin check {n} {live.track}" for n in ("alpha", "beta", "delta"))
    for title in titles:
        page.goto(live.url)
        add_bookmark(page, "https://example.com/admin-check", title, private=False)
    return titles


def flask_admin(live: LiveApp) -> None:
    page = live.lab_page.context.new_page()
    refused = csp_violations(page)
    page.goto(live.url)
    # sam is staff in the lesson's demo data (the lesson says to try the admin as sam).
    log_in(page, "sam", "correct horse battery staple")
    alpha, beta, delta = staff_adds_bookmarks(page, live)
    page.locator("nav").get_by_role("link", name="Admin").click()
    page.locator(".navbar").get_by_role("link", name="Bookmark", exact=True).click()
    rows = page.locator("table.model-list tbody tr")
    expect(rows.filter(has_text=alpha)).to_have_count(1)
    total = rows.count()

    page.locator("input[name=search]").fill("alpha")
    page.locator("input[name=search]").press("Enter")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(alpha)
    page.goto(live.url + "admin/bookmark/")  # the whole list again
    expect(rows).to_have_count(total)

    rows.filter(has_text=alpha).locator('a[title="Edit Record"]').click()
    page.locator("[name=title]").fill(alpha.replace("alpha", "gamma"))
    page.locator("input[type=submit][value=Save]").click()
    expect(rows.filter(has_text=alpha.replace("alpha", "gamma"))).to_have_count(1)

    # Delete one row with its own button, after the browser asks to confirm.
    page.wait_for_load_state()  # the list's scripts (they come last) have run
    asked: list[str] = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    rows.filter(has_text=delta).locator('button[title="Delete Record"]').click()
    expect(rows.filter(has_text=delta)).to_have_count(0, timeout=10_000)
    assert asked, (
        f"deleted without asking first; the browser refused: {sorted(refused)}"
    )
    total -= 1

    # Bulk delete: tick a row, With selected → Delete, confirm the dialog.
    page.wait_for_load_state()
    asked.clear()
    rows.filter(has_text=beta).locator("input.action-checkbox").check()
    page.get_by_role("button", name="With selected").or_(
        page.get_by_role("link", name="With selected")
    ).click()
    page.locator(".dropdown-menu").get_by_text("Delete", exact=True).click()
    try:
        expect(rows.filter(has_text=beta)).to_have_count(0, timeout=10_000)
    except AssertionError as error:
        raise AssertionError(
            f"the bulk delete did nothing; the browser refused: {sorted(refused)}"
        ) from error
    assert asked, "the bulk delete did not ask for confirmation"
    expect(rows).to_have_count(total - 1)
    log_out_of(page, live)


def django_admin(live: LiveApp) -> None:
    cell = add_cell_at_end_and_run(live.lab_page, live.notebook, DJANGO_STAFF_CELL)
    expect(cell.locator(".jp-OutputArea-output")).to_contain_text(
        "Superuser created successfully.", timeout=60_000
    )
    wait_until_idle(live.lab_page)
    assert "Error" not in output_text(cell)

    page = live.lab_page.context.new_page()
    refused = csp_violations(page)
    page.goto(live.url)
    log_in(page, "staffer", STAFF_PASSWORD)
    alpha, beta, delta = staff_adds_bookmarks(page, live)
    page.goto(live.url + "admin/")
    page.locator("#bookmarks-bookmark").get_by_role("link", name="Bookmarks").click()
    rows = page.locator("#result_list tbody tr")
    expect(rows.filter(has_text=alpha)).to_have_count(1)
    total = rows.count()

    page.locator("#searchbar").fill("alpha")
    page.locator("#searchbar").press("Enter")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(alpha)
    page.get_by_role("link", name=re.compile(r"\d+ total")).click()  # clear search
    expect(rows).to_have_count(total)

    rows.get_by_role("link", name=alpha).click()
    page.locator("[name=title]").fill(alpha.replace("alpha", "gamma"))
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed")
    expect(rows.filter(has_text=alpha.replace("alpha", "gamma"))).to_have_count(1)

    # Delete one from its change page, confirmed on the next page.
    rows.get_by_role("link", name=delta).click()
    page.locator("#content a.deletelink").click()
    page.locator("#content input[type=submit]").click()
    expect(page.locator(".messagelist .success")).to_contain_text("was deleted")
    expect(rows.filter(has_text=delta)).to_have_count(0)
    total -= 1

    # Bulk delete: tick a row, pick the action, Go, then confirm on the next page.
    rows.filter(has_text=beta).locator("input.action-select").check()
    page.locator("select[name=action]").select_option("delete_selected")
    page.locator("button[name=index]").click()
    page.locator("#content input[type=submit]").click()
    try:
        expect(page.locator(".messagelist .success")).to_contain_text(
            "Successfully deleted 1 bookmark"
        )
    except AssertionError as error:
        raise AssertionError(
            f"bulk delete failed; refused: {sorted(refused)}"
        ) from error
    expect(rows).to_have_count(total - 1)
    expect(rows.filter(has_text=beta)).to_have_count(0)
    log_out_of(page, live)


def log_out_of(page: Page, live: LiveApp) -> None:
    page.goto(live.url)
    log_out(page)
    page.close()


def test_staff_user_lists_searches_edits_and_bulk_deletes_in_the_admin(live):
    if live.track == "flask":
        flask_admin(live)
    else:
        django_admin(live)
