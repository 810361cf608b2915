"""The start notebook in a real JupyterLab: it opens, and its cells run."""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import nbformat
from playwright.sync_api import expect

from .lab_ui import (
    cells,
    current_notebook,
    dismiss_news_prompt,
    output_text,
    wait_until_idle,
)

START = "notebooks/00_start_here.ipynb"


def forget_saved_layout(lab) -> None:
    request = urllib.request.Request(
        f"{lab.url}/lab/api/workspaces/default",
        method="DELETE",
        headers={"Authorization": f"token {lab.token}"},
    )
    try:
        urllib.request.urlopen(request, timeout=30).close()
    except urllib.error.HTTPError as error:
        if error.code != 404:  # 404: nothing saved yet
            raise


def test_lab_opens_the_start_notebook_over_the_whole_course_and_its_cells_run(
    lab, new_page
):
    # As on a first `make lab`: no layout saved by earlier tests' pages.
    forget_saved_layout(lab)
    page = new_page()
    dismiss_news_prompt(page)
    # The address `make lab` opens: Lab's default URL is the start notebook.
    page.goto(f"{lab.url}/?token={lab.token}")
    expect(page).to_have_url(re.compile(rf"/lab/tree/{re.escape(START)}"))
    expect(page.locator(".lm-TabBar-tab.jp-mod-current")).to_contain_text(
        "00_start_here.ipynb"
    )
    notebook = current_notebook(page)
    wait_until_idle(page)
    # The file browser shows the notebook's folder, one level below the root,
    # and the root holds the whole course.
    browser = page.locator(".jp-FileBrowser")
    expect(browser.locator(".jp-BreadCrumbs")).to_contain_text("notebooks")
    browser.locator(".jp-BreadCrumbs-home").click()
    listing = browser.locator(".jp-DirListing-content")
    for folder in ("exercises", "notebooks", "sample_projects", "solutions"):
        expect(listing.get_by_text(folder, exact=True)).to_be_visible()

    # Run it as the notebook says: Shift+Enter, cell after cell.
    notebook_cells = nbformat.read(lab.root / START, as_version=4).cells
    expect(cells(notebook)).to_have_count(len(notebook_cells))
    cells(notebook).first.locator(".jp-InputPrompt").click()  # command mode
    for _ in notebook_cells:
        page.keyboard.press("Shift+Enter")
    code = [i for i, c in enumerate(notebook_cells) if c.cell_type == "code"]
    last = cells(notebook).nth(code[-1])
    # Every code cell ran, in order: its prompt shows its execution count.
    for number, index in enumerate(code, start=1):
        prompt = cells(notebook).nth(index).locator(".jp-InputPrompt")
        expect(prompt).to_have_text(f"[{number}]:", timeout=90_000)
    wait_until_idle(page)
    outputs = " ".join(notebook.locator(".jp-OutputArea-output").all_text_contents())
    assert "Traceback" not in outputs, outputs[-3000:]
    versions = output_text(cells(notebook).nth(code[0]))
    assert re.search(r"flask\s+3\.1\.", versions), versions
    assert re.search(r"django\s+5\.2\.", versions), versions
    assert "200 Hello from your workspace!" in output_text(last)
