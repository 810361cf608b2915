"""`make check A=<exercise>`: a self-paced learner's own score, hidden tests included.

It grades a copy of the learner's notebook against solutions/ in a temporary course
folder, prints each part's points and the learners' assertion messages, and never
prints the hidden tests' code or touches the learner's file.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import nbformat
import pytest

from coursekit import exercises, paths
from coursekit.fakeclass import Exercise

ROOT = paths.course_root()
NAME = exercises.assignments(ROOT)[-1]

pytestmark = pytest.mark.slow


def run_check(notebook) -> subprocess.CompletedProcess:
    bin_dir = os.path.dirname(sys.executable)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "coursekit.grade",
            "check",
            NAME,
            "--notebook",
            notebook,
        ],
        cwd=ROOT,
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def hidden_code(exercise: Exercise) -> list[str]:
    given = "\n".join(c.source for c in exercise.release.cells)
    blocks = re.findall(
        r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS",
        "\n".join(c.source for c in exercise.source.cells),
        re.S,
    )
    lines = [line.strip() for b in blocks for line in b.splitlines()]
    return [line for line in lines if len(line) > 20 and line not in given]


def test_check_scores_a_learners_notebook_without_showing_hidden_tests(tmp_path):
    exercise = Exercise(NAME, ROOT)
    tests = exercise.tests()
    total = sum(t.metadata.nbgrader["points"] for t in tests)
    hidden = hidden_code(exercise)

    correct = tmp_path / "correct.ipynb"
    nbformat.write(exercise.correct(), correct)
    before = correct.read_bytes()
    result = run_check(correct)
    assert result.returncode == 0, result.stderr
    assert f"Total: {total:g} / {total:g}" in result.stdout, result.stdout
    assert "FAIL" not in result.stdout
    assert correct.read_bytes() == before, "the learner's file must not change"

    # The first answer left blank: its part fails, with the message a learner reads.
    partial = tmp_path / "partial.ipynb"
    first = tuple(exercise.answers)[:1]
    nbformat.write(exercise.correct(wrong=first), partial)
    result = run_check(partial)
    assert result.returncode == 0, result.stderr
    first_points = tests[0].metadata.nbgrader["points"]
    assert f"Total: {total - first_points:g} / {total:g}" in result.stdout
    part = re.search(
        rf"{tests[0].metadata.nbgrader['grade_id']}\s+0 / {first_points:g}\s+FAIL\n"
        r"\s+(\w+Error.*)",
        result.stdout,
    )
    assert part, result.stdout
    for line in hidden:
        assert line not in result.stdout + result.stderr, line
    assert "BEGIN HIDDEN TESTS" not in result.stdout
