"""What a visitor does in the course's live app (both tracks share the site's pages)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

from .lab_ui import open_notebook, run_all, wait_until_idle

LESSON = "notebooks/{track}/06_users.ipynb"
# The link serve() prints: the app's own port, or the proxy path behind a hub.
LIVE_LINK = re.compile(r"^(http://127\.0\.0\.1:\d+/|/.*proxy/absolute/\d+/)$")
PASSWORD = "Quiet-harbour-lamp-2931"


@dataclass
class LiveApp:
    track: str
    lab_page: Page  # the lesson, in Lab
    notebook: Locator
    app_page: Page  # the tab the printed link opened
    url: str


def start_live_app(page: Page, lab, track: str) -> LiveApp:
    """Open the track's lesson 06, Run All, and click the link its live cell prints."""
    notebook = open_notebook(page, lab, LESSON.format(track=track))
    run_all(page)
    link = notebook.locator(".jp-OutputArea-output a").filter(has_text=LIVE_LINK).first
    link.wait_for(timeout=120_000)
    with page.expect_popup() as popup:
        link.click()
    app_page = popup.value
    app_page.wait_for_load_state()
    expect(app_page.locator("nav a.brand")).to_have_text("Bookmarks")
    wait_until_idle(page)  # the rest of the lesson ran too
    return LiveApp(track, page, notebook, app_page, app_page.url)


def submit(page: Page, button: str) -> None:
    page.locator("main form").get_by_role("button", name=button).click()


def logout_button(page: Page) -> Locator:
    return page.locator("nav").get_by_role("button", name=re.compile(r"^Log out"))


def register(page: Page, username: str) -> None:
    page.locator("nav").get_by_role("link", name="Register").click()
    page.locator("[name=username]").fill(username)
    page.locator("[name=password1]").fill(PASSWORD)
    page.locator("[name=password2]").fill(PASSWORD)
    submit(page, "Register")
    expect(logout_button(page)).to_be_visible()


def log_in(page: Page, username: str, password: str = PASSWORD) -> None:
    page.locator("nav").get_by_role("link", name="Log in").click()
    page.locator("[name=username]").fill(username)
    page.locator("[name=password]").fill(password)
    submit(page, "Log in")
    expect(logout_button(page)).to_be_visible()


def log_out(page: Page) -> None:
    logout_button(page).click()
    expect(page.locator("nav").get_by_role("link", name="Log in")).to_be_visible()


def add_bookmark(page: Page, url: str, title: str, *, private: bool) -> str:
    """Add a bookmark through the form; return its page's address."""
    page.locator("nav").get_by_role("link", name="Add a bookmark").click()
    page.locator("[name=url]").fill(url)
    page.locator("[name=title]").fill(title)
    if private:
        page.locator("[name=private]").check()
    submit(page, "Save")
    expect(page.locator("main h1")).to_have_text(title)
    return page.url


def register_and_keep_a_private_bookmark(live: LiveApp, stranger: Page) -> None:
    """The lesson's "try it": an account, a private bookmark, a stranger who
    cannot see it. ``stranger`` is a page in another browser context."""
    page = live.app_page
    username = f"learner-{live.track}"
    register(page, username)
    log_out(page)
    log_in(page, username)
    title = f"My private {live.track} notes"
    address = add_bookmark(
        page, "https://example.com/private-notes", title, private=True
    )
    assert address.startswith(live.url), (address, live.url)
    log_out(page)

    response = stranger.goto(address)
    assert response.status == 404, f"a stranger got {response.status} for {address}"
    expect(stranger.locator("body")).not_to_contain_text(title)
    stranger.goto(live.url)
    expect(stranger.locator("nav a.brand")).to_have_text("Bookmarks")
    expect(stranger.locator("main")).not_to_contain_text(title)
    # The owner still sees it after logging in again.
    log_in(page, username)
    page.goto(address)
    expect(page.locator("main h1")).to_have_text(title)
    log_out(page)
