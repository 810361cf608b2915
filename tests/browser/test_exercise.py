"""From a lesson to its exercise in Lab, then nbgrader's Validate button."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
from playwright.sync_api import expect

from .lab_ui import cells, current_notebook, open_notebook, replace_cell_source

ROOT = Path(__file__).resolve().parents[2]
SOLUTION = re.compile(
    r"^([ \t]*)### BEGIN SOLUTION\n(.*?)^[ \t]*### END SOLUTION\n?", re.M | re.S
)


def solution_cells(name: str) -> dict[str, str]:
    """grade_id -> source of each answer cell of the exercise's source notebook."""
    source = nbformat.read(ROOT / "solutions" / name / f"{name}.ipynb", as_version=4)
    return {
        cell.metadata["nbgrader"]["grade_id"]: cell.source
        for cell in source.cells
        if cell.metadata.get("nbgrader", {}).get("solution")
    }


def correct(source: str) -> str:
    """The answer as the solution writes it, without nbgrader's markers."""
    return SOLUTION.sub(lambda m: m.group(2), source)


def wrong(source: str) -> str:
    """A learner who wrote nothing useful: each answer becomes ``pass``."""
    return SOLUTION.sub(lambda m: f"{m.group(1)}pass\n", source)


def shortest_exercise() -> str:
    """The exercise whose answers are shortest: the least typing in the browser."""
    names = [p.name for p in (ROOT / "solutions").iterdir() if p.is_dir()]
    return min(names, key=lambda n: sum(map(len, solution_cells(n).values())))


def validate(page, notebook) -> str:
    """Click Validate; return the class of nbgrader's result and close the dialog."""
    notebook.locator(".jp-NotebookPanel-toolbar").get_by_text(
        "Validate", exact=True
    ).click()
    result = page.locator(".jp-Dialog #validation-message")
    result.wait_for(timeout=120_000)
    outcome = result.get_attribute("class")
    text = result.inner_text()
    page.locator(".jp-Dialog .jp-mod-accept").click()
    expect(page.locator(".jp-Dialog")).to_have_count(0)
    return f"{outcome}: {text[:1500]}"


def test_lesson_link_opens_the_exercise_and_validate_judges_the_answer(lab, new_page):
    name = shortest_exercise()
    track, number = re.match(r"([a-z]+)(\d\d)_", name).groups()
    lesson = next((lab.root / "notebooks" / track).glob(f"{number}_*.ipynb"))
    page = new_page()
    notebook = open_notebook(page, lab, lesson.relative_to(lab.root).as_posix())

    # The lesson's link to its exercise opens it in a new Lab tab.
    exercise_path = f"exercises/{name}/{name}.ipynb"
    notebook.locator(f'.jp-RenderedMarkdown a[href*="/{exercise_path}"]').first.click()
    expect(page.locator(".lm-TabBar-tab.jp-mod-current")).to_contain_text(
        f"{name}.ipynb"
    )
    exercise = current_notebook(page)
    released = nbformat.read(lab.root / exercise_path, as_version=4)
    expect(cells(exercise)).to_have_count(len(released.cells))
    answers = solution_cells(name)
    positions = {
        cell.metadata["nbgrader"]["grade_id"]: index
        for index, cell in enumerate(released.cells)
        if cell.metadata.get("nbgrader", {}).get("solution")
    }
    assert positions.keys() == answers.keys(), "the exercise and its source differ"

    for grade_id, index in positions.items():
        replace_cell_source(
            page, cells(exercise).nth(index), correct(answers[grade_id])
        )
    outcome = validate(page, exercise)
    assert "validation-success" in outcome, outcome
    assert "Success! Your notebook passes all the tests." in outcome

    first = next(iter(positions))
    replace_cell_source(
        page, cells(exercise).nth(positions[first]), wrong(answers[first])
    )
    outcome = validate(page, exercise)
    assert "validation-failed" in outcome, outcome
