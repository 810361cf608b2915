"""Synthetic submissions of an exercise, for the grading tests and the bench.

Each is what a learner could hand in: built from the release (what learners get)
and the solutions (what a correct answer looks like), never by hand.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from . import paths


def is_test_cell(cell) -> bool:
    meta = cell.metadata.get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution", False)


def is_solution_cell(cell) -> bool:
    return bool(cell.metadata.get("nbgrader", {}).get("solution", False))


def grade_id(cell) -> str:
    return cell.metadata["nbgrader"]["grade_id"]


def strip_markers(source: str) -> str:
    lines = [
        line
        for line in source.splitlines()
        if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION")
    ]
    return "\n".join(lines)


class Exercise:
    """The release and the solutions of one assignment, to derive submissions from."""

    def __init__(self, name: str, root: Path | None = None):
        root = root or paths.course_root()
        self.name = name
        self.source = nbformat.read(root / "solutions" / name / f"{name}.ipynb", 4)
        self.release = nbformat.read(root / "exercises" / name / f"{name}.ipynb", 4)
        self.answers = {
            grade_id(c): strip_markers(c.source)
            for c in self.source.cells
            if is_solution_cell(c)
        }

    def tests(self) -> list[NotebookNode]:
        return [c for c in self.release.cells if is_test_cell(c)]

    def blank(self) -> NotebookNode:
        return copy.deepcopy(self.release)

    def correct(self, wrong: tuple[str, ...] = ()) -> NotebookNode:
        """The release with every answer filled in, except the ``wrong`` ones."""
        nb = self.blank()
        for cell in nb.cells:
            if is_solution_cell(cell) and grade_id(cell) not in wrong:
                cell.source = self.answers[grade_id(cell)]
        return nb

    def with_answer(self, index: int, code: str) -> NotebookNode:
        """A correct notebook whose ``index``-th answer cell is ``code``."""
        nb = self.correct()
        [c for c in nb.cells if is_solution_cell(c)][index].source = code
        return nb

    def tampered(self) -> NotebookNode:
        """A blank notebook whose tests were edited to pass."""
        nb = self.blank()
        for cell in nb.cells:
            if is_test_cell(cell):
                cell.source = "pass  # no tests here"
        return nb

    def deleted_test(self, index: int = 1) -> NotebookNode:
        """A correct notebook without its ``index``-th test cell."""
        nb = self.correct()
        victim = grade_id(self.tests()[index])
        nb.cells = [
            c for c in nb.cells if not (is_test_cell(c) and grade_id(c) == victim)
        ]
        return nb

    def duplicated_test(self) -> NotebookNode:
        """A correct notebook with a copy of its first test cell at the end."""
        nb = self.correct()
        pasted = copy.deepcopy(next(c for c in nb.cells if is_test_cell(c)))
        pasted.id = "pasted-copy"  # JupyterLab gives a pasted cell a new id
        nb.cells.append(pasted)
        return nb

    def pasted_foreign(self, other: Exercise) -> NotebookNode:
        """A correct notebook holding a test cell of another exercise."""
        nb = self.correct()
        pasted = copy.deepcopy(other.tests()[0])
        pasted.id = "pasted-foreign"
        pasted.metadata.nbgrader["grade_id"] = f"{other.name}-{grade_id(pasted)}"
        nb.cells.insert(len(nb.cells) // 2, pasted)
        return nb


def write_submission(course: Path, learner: str, name: str, nb: NotebookNode) -> Path:
    folder = course / "submitted" / learner / name
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


def typical_class(exercise: Exercise, size: int) -> dict[str, NotebookNode]:
    """A class as the bench grades it: mostly correct, some blank, some partial."""
    kinds = [
        exercise.correct,
        exercise.correct,
        exercise.blank,
        lambda: exercise.correct(wrong=tuple(exercise.answers)[:1]),
    ]
    return {f"learner{i:03d}": kinds[i % len(kinds)]() for i in range(size)}
