"""Graded exercises: release drift, nbgrader validate, and the autograding round trip.

The round trip grades a small class of every exercise on a temporary copy of the
course: the solution, the untouched release, tampered tests, the release answered
correctly (no checksum warning), then a last correct submission. Malformed
submissions (crash, loop, deleted, copied or pasted cells) are graded in
test_grading_class.py.
"""

from __future__ import annotations

import shutil

import nbformat
import pytest
from nbgrader.api import Gradebook

from coursekit import exercises, paths, tracked
from coursekit.fakeclass import Exercise, write_submission

ROOT = paths.course_root()
ASSIGNMENTS = exercises.assignments(ROOT)
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def committed(tmp_path_factory):
    """The exercises and their sources as committed: a learner's answers, outputs
    and checkpoints in exercises/ are theirs, not the course's."""
    return tracked.export(
        ROOT, tmp_path_factory.mktemp("committed"), "exercises/**", "solutions/**"
    )


def test_there_are_exercises():
    assert len(ASSIGNMENTS) >= 6, ASSIGNMENTS


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """A temporary copy of the course with every assignment freshly generated."""
    course = exercises.copy_course(ROOT, tmp_path_factory.mktemp("released") / "c")
    shutil.rmtree(course / "exercises")
    exercises.generate(course)
    return course


def test_release_matches_the_solutions(released, committed):
    problems = []
    for name in ASSIGNMENTS:
        problems += exercises.compare_dirs(
            released / "exercises" / name, committed / "exercises" / name, name
        )
    names = {p.name for p in (committed / "exercises").iterdir() if p.is_dir()}
    problems += [f"{n}: no source in solutions/" for n in names - set(ASSIGNMENTS)]
    assert not problems, "\n".join(problems) + "\nRun `make exercises` and commit."


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_solution_validates_and_release_does_not(name, committed):
    source = committed / "solutions" / name / f"{name}.ipynb"
    result = exercises.nbgrader("validate", str(source), cwd=ROOT)
    assert result.returncode == 0 and "Success!" in result.stdout, (
        result.stdout + result.stderr[-3000:]
    )
    release = committed / "exercises" / name / f"{name}.ipynb"
    result = exercises.nbgrader("validate", "--invert", str(release), cwd=ROOT)
    assert "Success!" in result.stdout, (
        f"the blank release of {name} must fail its tests:\n{result.stdout}"
    )


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_release_hides_solutions_and_hidden_tests(name, committed):
    text = (committed / "exercises" / name / f"{name}.ipynb").read_text()
    assert "BEGIN SOLUTION" not in text
    assert "BEGIN HIDDEN TESTS" not in text
    source = (committed / "solutions" / name / f"{name}.ipynb").read_text()
    assert "BEGIN HIDDEN TESTS" in source, f"{name} needs hidden tests"


def submissions(name: str, root) -> dict[str, nbformat.NotebookNode]:
    exercise = Exercise(name, root)
    return {
        "s01_solution": exercise.source,  # the instructor's own notebook
        "s02_blank": exercise.blank(),
        "s03_tampered": exercise.tampered(),
        "s04_answered": exercise.correct(),  # the release, correctly filled in
        "s99_solution_again": exercise.source,
    }


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_class_wide_autograde_round_trip(name, released, committed, tmp_path):
    # Each assignment gets its own copy of the released course and gradebook.
    course = tmp_path / "course"
    shutil.copytree(released, course)

    class_ = submissions(name, committed)
    for student, nb in class_.items():
        write_submission(course, student, name, nb)

    result = exercises.nbgrader("autograde", name, cwd=course)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-3000:]
    assert "old version" not in log, log
    # Only the tampered notebook changed its tests: nobody else is warned about.
    tests = Exercise(name, committed).tests()
    assert log.count("'checksum'") == len(tests), log[-3000:]

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        max_score = gradebook.find_assignment(name).max_score
        assert max_score > 0
        scores = {s: gradebook.find_submission(name, s).score for s in class_}
    assert scores.pop("s01_solution") == max_score
    assert scores.pop("s04_answered") == max_score
    assert scores.pop("s99_solution_again") == max_score, "grading stopped early"
    assert scores == dict.fromkeys(scores, 0), scores
    shutil.rmtree(course)
