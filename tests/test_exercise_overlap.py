"""A graded part makes the learner apply its lesson, not copy the lesson's listing.

A part whose model answer is (nearly) line for line in its lesson's code cells can be
passed by pasting the listing without understanding it. This compares each part's
solution lines with the code of the lesson the exercise goes with.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from coursekit import exercises, paths

ROOT = paths.course_root()
SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)
# A one-line docstring says what a function does; it does nothing itself.
DOCSTRING = re.compile(r'^(?:"""|\'\'\').*(?:"""|\'\'\')$')
# Share of a part's solution lines found in its lesson at which it counts as copied.
# Eight parts redesigned to pass measured 67-100 % before and 0-50 % after.
COPIED = 0.6


def code_lines(source: str) -> list[str]:
    """Lines that do something: no blanks, comments, lone brackets or docstrings."""
    lines = (line.strip() for line in source.splitlines())
    return [
        line
        for line in lines
        if re.search(r"\w", line) and line[0] != "#" and not DOCSTRING.match(line)
    ]


def lesson_of(name: str) -> Path:
    track, number = re.fullmatch(r"([a-z]+)(\d\d)_.+", name).groups()
    return next((ROOT / "notebooks" / track).glob(f"{number}_*.ipynb"))


def lesson_code(name: str) -> set[str]:
    """The code lines of the lesson that exercise ``name`` goes with."""
    lesson = nbformat.read(lesson_of(name), as_version=4)
    return {
        line
        for cell in lesson.cells
        if cell.cell_type == "code"
        for line in code_lines(cell.source)
    }


def copied_parts(name: str, source=None) -> dict[str, float]:
    """{grade_id: share of its solution lines that are in the lesson's code}, for
    the exercise's solutions (or for ``source``, a notebook standing in for them)."""
    listed = lesson_code(name)
    if source is None:
        path = ROOT / "solutions" / name / f"{name}.ipynb"
        source = nbformat.read(path, as_version=4)
    shares = {}
    for cell in source.cells:
        answer = code_lines("\n".join(SOLUTION.findall(cell.source)))
        if answer:
            found = sum(line in listed for line in answer)
            shares[cell.metadata["nbgrader"]["grade_id"]] = found / len(answer)
    return shares


@pytest.mark.parametrize("name", exercises.assignments(ROOT))
def test_no_part_repeats_its_lesson(name):
    shares = copied_parts(name)
    assert shares, f"{name} has no part to solve"
    copied = {part: f"{share:.0%}" for part, share in shares.items() if share >= COPIED}
    assert not copied, (
        f"{name}: these parts' answers are in {lesson_of(name).name} line for line "
        f"(share of their lines): {copied}. Ask for the same idea on a case the "
        "lesson did not solve."
    )


def test_the_check_finds_a_copied_part():
    # A part answered with one of the lesson's own listings counts as copied.
    name = "flask01_routing"
    lesson = nbformat.read(lesson_of(name), as_version=4)
    listing = next(c.source for c in lesson.cells if c.source.startswith("%%listing"))
    answer = nbformat.v4.new_code_cell(
        f"### BEGIN SOLUTION\n{listing}\n### END SOLUTION\n",
        metadata={"nbgrader": {"grade_id": "pasted"}},
    )
    pasted = nbformat.v4.new_notebook(cells=[answer])
    assert copied_parts(name, pasted)["pasted"] >= COPIED
