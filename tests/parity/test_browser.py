"""R13 and S12 together, in a real browser: the admin works under the app's CSP.

A test client ignores Content-Security-Policy; Chromium enforces it. The custom bulk
action "make private" is run the way staff would run it, confirmation included.
"""

from __future__ import annotations

import os
import threading

import pytest
from werkzeug.serving import make_server

from coursekit import browser

from .site import STAFF_PASSWORD, Browser

if browser.chromium_path() is None and os.environ.get("CI") != "1":
    pytest.skip(browser.INSTALL_HINT, allow_module_level=True)


@pytest.fixture
def live(wsgi):
    """The app under test on a free port of this machine, for the browser."""
    server = make_server("127.0.0.1", 0, wsgi, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.mark.since(7)
def test_staff_run_a_bulk_action_under_the_csp(live, user, app_under_test, label):
    from playwright.sync_api import sync_playwright

    owner = user()
    bookmark = owner.add_bookmark(title="Make me private")
    blocked = []
    with sync_playwright() as playwright:
        chromium = browser.launch(playwright)
        try:
            page = chromium.new_page()
            page.on(
                "console",
                lambda m: blocked.append(m.text) if "Content Security" in m.text else 0,
            )
            page.on("dialog", lambda dialog: dialog.accept())  # "are you sure?"
            page.goto(live + "/accounts/login/")
            page.fill("input[name=username]", "staff")
            page.fill("input[name=password]", STAFF_PASSWORD)
            page.locator("form:has(input[name=password]) [type=submit]").click()
            if app_under_test.framework == "flask":
                page.goto(live + "/admin/bookmark/")
                page.locator("input.action-checkbox").first.check()
                page.click("text=With selected")
                page.click("text=Make private")
            else:
                page.goto(live + "/admin/bookmarks/bookmark/")
                page.locator("input.action-select").first.check()
                page.select_option("select[name=action]", "make_private")
                page.click("button[name=index]")
            page.wait_for_load_state()
            message = page.content()
        finally:
            chromium.close()
    assert not blocked, f"[{label}] S12: the CSP blocked the admin: {blocked[:2]}"
    assert "private" in message.lower(), f"[{label}] R13: no message after the action"
    status = owner.get(f"/bookmarks/{bookmark}/").status_code
    assert status == 200, f"[{label}] R13: the owner still sees it"
    # A stranger now gets 404: the action ran.
    stranger = Browser(owner.client.__class__(owner.client.application))
    assert stranger.get(f"/bookmarks/{bookmark}/").status_code == 404, (
        f"[{label}] R13: the bulk action did not make the bookmark private"
    )
