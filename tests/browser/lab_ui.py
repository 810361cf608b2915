"""What a learner does in JupyterLab, as Playwright steps that wait on the page."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

IDLE = re.compile(r"\| Idle$")
NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook tab in front


def dismiss_news_prompt(page: Page) -> None:
    """Answer "No" to Lab's first-run question about Jupyter news, whenever it shows."""
    prompt = page.locator(".jp-toast-buttonBar").filter(
        has=page.locator(".jp-toast-button", has_text="No")
    )
    page.add_locator_handler(
        prompt, lambda bar: bar.locator(".jp-toast-button", has_text="No").click()
    )


def current_notebook(page: Page) -> Locator:
    return page.locator(NOTEBOOK)


def wait_until_idle(page: Page) -> None:
    """The status bar says the kernel of the notebook in front is idle."""
    status = page.locator("#jp-main-statusbar").get_by_text(IDLE)
    expect(status).to_be_visible(timeout=90_000)


def open_notebook(page: Page, lab, path: str) -> Locator:
    """Open ``path`` (relative to the course root) in Lab, its kernel ready."""
    dismiss_news_prompt(page)
    page.goto(lab.page_url(path))
    notebook = current_notebook(page)
    notebook.locator(".jp-Notebook .jp-Cell").first.wait_for()
    wait_until_idle(page)
    return notebook


def cells(notebook: Locator) -> Locator:
    return notebook.locator(".jp-Notebook .jp-Cell")


def run_all(page: Page) -> None:
    """Run → Run All Cells, from the menu bar."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()


def replace_cell_source(page: Page, cell: Locator, text: str) -> None:
    """Select everything in the cell's editor and put ``text`` in its place.

    ``insert_text`` types it as one input, like a paste: CodeMirror's automatic
    indentation and closing brackets would garble code typed key by key.
    """
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(text)
    expect(cell.locator(".cm-content")).to_contain_text(text.strip().splitlines()[0])


def add_cell_at_end_and_run(page: Page, notebook: Locator, code: str) -> Locator:
    """Add a code cell after the last one, type ``code`` and press Shift+Enter."""
    last = cells(notebook).last
    last.locator(".jp-InputPrompt").click()  # select it (command mode)
    count = cells(notebook).count()
    page.keyboard.press("b")  # insert a cell below
    expect(cells(notebook)).to_have_count(count + 1)
    new = cells(notebook).nth(count)
    replace_cell_source(page, new, code)
    page.keyboard.press("Shift+Enter")
    return new


def output_text(cell: Locator) -> str:
    return " ".join(cell.locator(".jp-OutputArea-output").all_text_contents())
