"""A real JupyterLab, started as ``make lab`` starts it, driven by the system Chromium.

The Lab serves a temporary copy of the course (so the checks never touch your
files), with its own workspace folder, settings and runtime folders. One Lab and one
browser serve all of these tests; each test opens its own page. Without Chromium the
tests skip with one line saying how to install it, except under ``CI=1``, where
they fail: a CI run must never pass by skipping them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coursekit import browser as course_browser
from coursekit.lab import free_port

from .lab_server import require_chromium, start_lab, stop


def pytest_configure(config):
    from playwright.sync_api import expect

    # Playwright's assertions wait 5 s by default; Lab's first render on a busy
    # 2-core machine (other checks run beside these) can take longer.
    expect.set_options(timeout=60_000)


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            # One xdist worker for all of them: they share one Lab and one browser.
            item.add_marker(pytest.mark.xdist_group("browser"))


# Package scope: Playwright's sync API marks an event loop as running in this
# process while it is started, which would break the notebook checks (asyncio.run)
# that pytest-xdist may give the same worker after these tests.
@pytest.fixture(scope="package")
def chromium_browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = course_browser.launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="package")
def lab(tmp_path_factory, chromium_browser):
    """One JupyterLab for the session, on a free port, as `make lab` starts it."""
    process, running = start_lab(tmp_path_factory.mktemp("lab"), free_port())
    yield running
    stop(process)


@pytest.fixture
def new_page(chromium_browser):
    """A function opening a page in a fresh browser context (its own cookies)."""
    contexts = []

    def open_page():
        context = chromium_browser.new_context(viewport={"width": 1400, "height": 900})
        context.set_default_timeout(60_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
