"""The start notebook in a real JupyterLab: it opens, and its cells run."""

from __future__ import annotations

import re

import nbformat
from lab_ui import cells, open_notebook, output_text, wait_until_idle
from playwright.sync_api import expect

START = "notebooks/00_start_here.ipynb"


def test_lab_opens_the_start_notebook_with_the_whole_course_in_the_file_browser(
    lab, new_page
):
    page = new_page()
    open_notebook(page, lab, START)
    # The file browser shows the repository root, not notebooks/.
    browser = page.locator(".jp-FileBrowser")  # open in the left sidebar
    # It shows the open notebook's folder, one level below the root.
    expect(browser.locator(".jp-BreadCrumbs")).to_contain_text("notebooks")
    browser.locator(".jp-BreadCrumbs-home").click()
    listing = browser.locator(".jp-DirListing-content")
    for folder in ("exercises", "notebooks", "sample_projects", "solutions"):
        expect(listing.get_by_text(folder, exact=True)).to_be_visible()
    expect(page.locator(".lm-TabBar-tab.jp-mod-current")).to_contain_text(
        "00_start_here.ipynb"
    )


def test_start_notebook_runs_cell_by_cell_with_shift_enter(lab, new_page):
    notebook_cells = nbformat.read(lab.root / START, as_version=4).cells
    page = new_page()
    notebook = open_notebook(page, lab, START)
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
    errors = notebook.locator('.jp-OutputArea-output[data-mime-type*="error"]')
    assert errors.count() == 0, errors.all_text_contents()
    versions = output_text(cells(notebook).nth(code[0]))
    assert re.search(r"flask\s+3\.1\.", versions), versions
    assert re.search(r"django\s+5\.2\.", versions), versions
    assert "200 Hello from your workspace!" in output_text(last)
