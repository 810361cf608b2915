"""Graded exercises: release drift, nbgrader validate, and the autograding round trip.

The round trip grades a whole class on a temporary copy of the course: a correct
submission, the untouched release, tampered and deleted tests, a copied test cell
(duplicated grade_id), a kernel crash and an infinite loop, then a last correct
submission that proves one bad notebook does not stop the class.
"""

from __future__ import annotations

import copy
import shutil

import nbformat
import pytest
from nbgrader.api import Gradebook

from coursekit import exercises, paths

ROOT = paths.course_root()
ASSIGNMENTS = exercises.assignments(ROOT)
# Each assignment is graded with a correct, a blank and a tampered submission. The
# first one of each track also gets every malformed kind (they exercise nbgrader and
# the course's configuration, not the exercise, and a loop costs a full timeout).
FULL_CLASS = {
    next((a for a in ASSIGNMENTS if a.startswith(track)), None)
    for track in paths.TRACKS
}

pytestmark = pytest.mark.slow


def is_test_cell(cell) -> bool:
    meta = cell.metadata.get("nbgrader", {})
    return meta.get("grade", False) and not meta.get("solution", False)


def is_solution_cell(cell) -> bool:
    return cell.metadata.get("nbgrader", {}).get("solution", False)


def test_there_are_exercises():
    assert len(ASSIGNMENTS) >= 6, ASSIGNMENTS


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """A temporary copy of the course with every assignment freshly generated."""
    course = exercises.copy_course(ROOT, tmp_path_factory.mktemp("released") / "c")
    shutil.rmtree(course / "exercises")
    exercises.generate(course)
    return course


def test_release_matches_the_solutions(released):
    problems = []
    for name in ASSIGNMENTS:
        problems += exercises.compare_dirs(
            released / "exercises" / name, ROOT / "exercises" / name, name
        )
    committed = {p.name for p in (ROOT / "exercises").iterdir() if p.is_dir()}
    problems += [f"{n}: no source in solutions/" for n in committed - set(ASSIGNMENTS)]
    assert not problems, "\n".join(problems) + "\nRun `make exercises` and commit."


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_solution_validates_and_release_does_not(name):
    source = ROOT / "solutions" / name / f"{name}.ipynb"
    result = exercises.nbgrader("validate", str(source), cwd=ROOT)
    assert result.returncode == 0 and "Success!" in result.stdout, result.stdout
    release = ROOT / "exercises" / name / f"{name}.ipynb"
    result = exercises.nbgrader("validate", "--invert", str(release), cwd=ROOT)
    assert "Success!" in result.stdout, (
        f"the blank release of {name} must fail its tests:\n{result.stdout}"
    )


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_release_hides_solutions_and_hidden_tests(name):
    text = (ROOT / "exercises" / name / f"{name}.ipynb").read_text()
    assert "BEGIN SOLUTION" not in text
    assert "BEGIN HIDDEN TESTS" not in text
    source = (ROOT / "solutions" / name / f"{name}.ipynb").read_text()
    assert "BEGIN HIDDEN TESTS" in source, f"{name} needs hidden tests"


def submissions(name: str) -> dict[str, nbformat.NotebookNode]:
    source = nbformat.read(ROOT / "solutions" / name / f"{name}.ipynb", 4)
    release = nbformat.read(ROOT / "exercises" / name / f"{name}.ipynb", 4)

    tampered = copy.deepcopy(release)
    for cell in tampered.cells:
        if is_test_cell(cell):
            cell.source = "pass  # no tests here"

    deleted = copy.deepcopy(release)
    deleted.cells = [cell for cell in deleted.cells if not is_test_cell(cell)]

    duplicated = copy.deepcopy(release)
    pasted = copy.deepcopy(next(c for c in duplicated.cells if is_test_cell(c)))
    pasted.id = "pasted-copy"  # JupyterLab gives a pasted cell a new id
    duplicated.cells.append(pasted)

    def replace_first_solution(code: str):
        nb = copy.deepcopy(release)
        next(cell for cell in nb.cells if is_solution_cell(cell)).source = code
        return nb

    class_ = {"s01_solution": source, "s02_blank": release, "s03_tampered": tampered}
    if name in FULL_CLASS:
        class_ |= {
            "s04_deleted_tests": deleted,
            "s05_duplicated_id": duplicated,
            "s06_kernel_crash": replace_first_solution("import os\nos._exit(1)"),
            "s07_infinite_loop": replace_first_solution("while True:\n    pass"),
        }
    class_["s99_solution_again"] = source
    return class_


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_class_wide_autograde_round_trip(name, released, tmp_path):
    # Each assignment gets its own copy of the released course and gradebook.
    course = tmp_path / "course"
    shutil.copytree(released, course)

    class_ = submissions(name)
    for student, nb in class_.items():
        folder = course / "submitted" / student / name
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{name}.ipynb")

    result = exercises.nbgrader("autograde", name, cwd=course)
    log = result.stdout + result.stderr
    # The crashed kernel is reported by name (and makes the exit status non-zero);
    # nothing else may fail.
    assert "old version" not in log, log
    failed = [s for s in class_ if f"for student '{s}'" in log]
    expected = ["s06_kernel_crash"] if "s06_kernel_crash" in class_ else []
    assert failed == expected, log[-3000:]

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        max_score = gradebook.find_assignment(name).max_score
        assert max_score > 0
        scores = {s: gradebook.find_submission(name, s).score for s in class_}
    assert scores.pop("s01_solution") == max_score
    assert scores.pop("s99_solution_again") == max_score, "grading stopped early"
    assert scores == dict.fromkeys(scores, 0), scores
    shutil.rmtree(course)
