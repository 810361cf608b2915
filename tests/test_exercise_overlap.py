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
# Parts known to repeat their lesson, to redesign: none today. A part listed here
# must still be above the line (the last test says when to remove it).
KNOWN: set[tuple[str, str]] = set()


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


def copied_parts(name: str) -> dict[str, float]:
    """{grade_id: share of its solution lines that are in the lesson's code}."""
    lesson = nbformat.read(lesson_of(name), as_version=4)
    listed = {
        line
        for cell in lesson.cells
        if cell.cell_type == "code"
        for line in code_lines(cell.source)
    }
    source = nbformat.read(ROOT / "solutions" / name / f"{name}.ipynb", as_version=4)
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
    copied = {
        part: f"{share:.0%}"
        for part, share in shares.items()
        if share >= COPIED and (name, part) not in KNOWN
    }
    assert not copied, (
        f"{name}: these parts' answers are in {lesson_of(name).name} line for line "
        f"(share of their lines): {copied}. Ask for the same idea on a case the "
        "lesson did not solve."
    )


def test_the_check_finds_a_copied_part():
    # The known parts are still copies: the measure sees what it should.
    for name, part in KNOWN:
        assert copied_parts(name)[part] >= COPIED, (
            f"{name} {part} no longer repeats its lesson: remove it from KNOWN"
        )
