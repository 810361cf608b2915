"""Self-paced learners: every graded part of every exercise has a collapsible hint."""

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(ROOT.glob("solutions/*/*.ipynb")) + sorted(
    ROOT.glob("exercises/*/*.ipynb")
)
HINT = re.compile(r"\A<details><summary>Hint</summary>\n\n.+\n\n</details>\Z", re.S)


def is_solution(cell) -> bool:
    return bool(cell.metadata.get("nbgrader", {}).get("solution"))


@pytest.mark.parametrize(
    "notebook", NOTEBOOKS, ids=lambda p: p.relative_to(ROOT).as_posix()
)
def test_every_graded_part_has_a_hint_before_it(notebook):
    cells = nbformat.read(notebook, as_version=4).cells
    parts = [i for i, cell in enumerate(cells) if is_solution(cell)]
    assert parts, f"{notebook.name} has no part to solve"
    for index in parts:
        before = cells[index - 1]
        part = cells[index].metadata["nbgrader"]["grade_id"]
        assert before.cell_type == "markdown" and HINT.match(before.source), (
            f"{notebook.name}: no <details> hint just before {part}"
        )
        # A hint is read, never graded, and gives no solution away.
        assert not before.metadata.get("nbgrader", {}).get("grade")
        assert "BEGIN SOLUTION" not in before.source
    hints = [c for c in cells if c.cell_type == "markdown" and HINT.match(c.source)]
    assert len(hints) == len(parts), f"{notebook.name}: a hint without its part"


def test_the_release_has_the_same_hints_as_the_solutions():
    for source in sorted(ROOT.glob("solutions/*/*.ipynb")):
        release = ROOT / "exercises" / source.parent.name / source.name

        def hints(path):
            cells = nbformat.read(path, as_version=4).cells
            return [c.source for c in cells if HINT.match(c.source)]

        assert hints(release) == hints(source), "run `make exercises`"
