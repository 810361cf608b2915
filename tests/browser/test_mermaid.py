"""Mermaid diagrams in the lessons' markdown cells render in Lab (as SVG images)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import expect

from .lab_ui import current_notebook, dismiss_news_prompt

ROOT = Path(__file__).resolve().parents[2]
MERMAID_BLOCK = re.compile(r"^```mermaid\s*$", re.MULTILINE)


def diagrams(path: Path) -> int:
    notebook = nbformat.read(path, as_version=4)
    markdown = (c.source for c in notebook.cells if c.cell_type == "markdown")
    return sum(len(MERMAID_BLOCK.findall(source)) for source in markdown)


WITH_DIAGRAMS = {
    path.relative_to(ROOT).as_posix(): count
    for path in sorted((ROOT / "notebooks").rglob("*.ipynb"))
    if ".ipynb_checkpoints" not in path.parts and (count := diagrams(path))
}


def test_the_lessons_have_mermaid_diagrams():
    assert WITH_DIAGRAMS, "no lesson has a ```mermaid block in a markdown cell"


@pytest.mark.parametrize("path", sorted(WITH_DIAGRAMS))
def test_mermaid_diagrams_render(path, lab, new_page):
    page = new_page()
    dismiss_news_prompt(page)
    page.goto(lab.page_url(path))
    notebook = current_notebook(page)
    notebook.locator(".jp-Notebook .jp-Cell").first.wait_for()
    rendered = notebook.locator(".jp-RenderedMermaid")
    expect(rendered).to_have_count(WITH_DIAGRAMS[path], timeout=60_000)
    # Each one is a drawing, not the error box Lab shows for a diagram it can't parse.
    for index in range(WITH_DIAGRAMS[path]):
        diagram = rendered.nth(index)
        diagram.scroll_into_view_if_needed()
        expect(diagram.locator('img[src^="data:image/svg+xml"], svg')).to_have_count(1)
        expect(diagram).not_to_have_class(re.compile(r"\bjp-mod-warning\b"))
