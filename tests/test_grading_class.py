"""One `make grade` run grades a whole class, whatever the submissions hold.

A crashing, a looping, a tampered, a deleted-test, a copied-cell and a pasted-cell
submission, among honest ones: every learner ends with a grade, an autograded
notebook and feedback, and the summary flags each one. Also: parallel grading
gives the same scores as a serial run.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess

import pytest
from nbgrader.api import Gradebook

from coursekit import exercises, grade, paths
from coursekit.fakeclass import Exercise, write_submission

ROOT = paths.course_root()
ASSIGNMENTS = exercises.assignments(ROOT)
# The first exercise of each track gets every malformed kind.
FIRST_OF_TRACK = [next(a for a in ASSIGNMENTS if a.startswith(t)) for t in paths.TRACKS]

pytestmark = pytest.mark.slow


def course_copy(tmp_path):
    course = exercises.copy_course(ROOT, tmp_path / "course")
    return course


def grades(course, name, learners):
    """learner -> {test cell: score}, and the assignment's max score."""
    with Gradebook(grade.db_url(course)) as gradebook:
        max_score = gradebook.find_assignment(name).max_score
        scores = {}
        for learner in learners:
            notebook = gradebook.find_submission(name, learner).notebooks[0]
            scores[learner] = {g.name: g.score for g in notebook.grades}
    return scores, max_score


@pytest.mark.parametrize("name", FIRST_OF_TRACK)
def test_make_grade_grades_every_learner(name, tmp_path):
    course = course_copy(tmp_path)
    exercise = Exercise(name, ROOT)
    other = Exercise(next(a for a in ASSIGNMENTS if a != name), ROOT)
    first, second = (t.metadata.nbgrader for t in exercise.tests()[:2])
    class_ = {
        "a_correct": exercise.correct(),
        "b_blank": exercise.blank(),
        "c_tampered": exercise.tampered(),
        "d_deleted_test": exercise.deleted_test(1),
        "e_copied_cell": exercise.duplicated_test(),
        "f_pasted_cell": exercise.pasted_foreign(other),
        "g_kernel_crash": exercise.with_answer(1, "import os\nos._exit(1)"),
        "h_infinite_loop": exercise.with_answer(0, "while True:\n    pass"),
        "i_first_answer_blank": exercise.correct(wrong=tuple(exercise.answers)[:1]),
        "z_correct_again": exercise.correct(),
    }
    for learner, nb in class_.items():
        write_submission(course, learner, name, nb)

    result = subprocess.run(
        ["make", "-s", "grade", f"A={name}", "JOBS=2"],
        cwd=ROOT,
        env={**os.environ, "COURSE_ROOT": str(course)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    out = result.stdout + result.stderr
    assert result.returncode == 0, out

    scores, max_score = grades(course, name, class_)
    total = {learner: sum(s.values()) for learner, s in scores.items()}
    assert total["a_correct"] == total["z_correct_again"] == max_score, out
    assert total["b_blank"] == total["c_tampered"] == 0, out
    # A deleted test scores 0; the rest of the notebook is graded as usual.
    assert scores["d_deleted_test"][second.grade_id] == 0, out
    assert total["d_deleted_test"] == max_score - second.points, out
    assert total["e_copied_cell"] == total["f_pasted_cell"] == max_score, out
    # The crash happens in the second answer: the first part was reached and passed.
    assert total["g_kernel_crash"] == first.points, out
    assert scores["h_infinite_loop"][first.grade_id] == 0, out
    # The loop is interrupted: graded as if that answer were blank (later parts may
    # build on it).
    assert total["h_infinite_loop"] == total["i_first_answer_blank"] < max_score, out

    for learner in class_:
        assert list(grade.graded_notebooks(course, name, learner)), learner
        assert (course / "feedback" / learner / name / f"{name}.html").is_file(), (
            learner
        )
    feedback = (
        course / "feedback" / "g_kernel_crash" / name / f"{name}.html"
    ).read_text()
    assert "The kernel died while running this cell" in feedback
    assert "Not run: the kernel died in cell" in feedback

    summary = {
        line.split()[0]: line for line in result.stdout.splitlines() if " / " in line
    }
    assert "crashed (in cell" in summary["g_kernel_crash"], out
    assert "timed out (cell" in summary["h_infinite_loop"], out
    assert "tests changed (edited" in summary["c_tampered"], out
    assert f"tests changed (deleted {second.grade_id})" in summary["d_deleted_test"]
    assert "tests changed (copied" in summary["e_copied_cell"], out
    assert "tests changed (foreign" in summary["f_pasted_cell"], out
    for honest in ("a_correct", "b_blank", "i_first_answer_blank", "z_correct_again"):
        assert summary[honest].endswith("ok"), out
    # The log names each problem; honest submissions raise no checksum warning.
    log = [line for line in result.stdout.splitlines() if line.startswith("  ")]
    assert any("d_deleted_test:" in line and second.grade_id in line for line in log), (
        out
    )
    assert any("f_pasted_cell:" in line and other.name in line for line in log), out
    checksum = {line.split(":")[0].strip() for line in log if "checksum" in line}
    assert checksum == {"c_tampered"}, out
    assert (course / "grades.csv").is_file()
    shutil.rmtree(course)


def test_parallel_grading_matches_serial(tmp_path):
    name = ASSIGNMENTS[0]
    exercise = Exercise(name, ROOT)
    class_ = {
        "l1_correct": exercise.correct(),
        "l2_blank": exercise.blank(),
        "l3_one_wrong": exercise.correct(wrong=tuple(exercise.answers)[:1]),
        "l4_deleted_test": exercise.deleted_test(0),
        "l5_correct": exercise.correct(),
    }
    results = {}
    for jobs in (1, 2):
        course = course_copy(tmp_path / f"jobs{jobs}")
        for learner, nb in class_.items():
            write_submission(course, learner, name, nb)
        rows = grade.grade_class(name, root=course, jobs=jobs, out=io.StringIO())
        assert [r.learner for r in rows] == sorted(class_)
        results[jobs] = grades(course, name, class_)[0]
    assert results[1] == results[2]
    # ...and the scores are real, not all equal.
    assert len({sum(s.values()) for s in results[1].values()}) >= 3, results[1]
