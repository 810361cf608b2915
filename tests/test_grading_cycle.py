"""The whole term's cycle for one assignment, through a temporary nbgrader exchange.

release_assignment -> fetch_assignment -> submit (correct, blank, tampered, late) ->
collect -> autograde -> generate_feedback -> release_feedback -> fetch_feedback ->
export. Each learner has a home and a working folder of their own; the instructor's
settings come from an untracked file and the environment, as on a real course.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import nbformat
import pytest

from coursekit import exercises, grade, paths
from coursekit.fakeclass import Exercise

ROOT = paths.course_root()
NAME = exercises.assignments(ROOT)[0]
COURSE_ID = "bookmarks-test-term"
ZONE = "America/New_York"
PENALTY_PER_HOUR = 1.5

pytestmark = pytest.mark.slow


def nbgrader(*args, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    bin_dir = Path(sys.executable).parent
    result = subprocess.run(
        [str(bin_dir / "nbgrader"), *args],
        cwd=cwd,
        env={**env, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"nbgrader {' '.join(args)}:\n{result.stderr}"
    return result


def hidden_test_lines(exercise: Exercise) -> list[str]:
    """Lines that only the hidden tests hold (not in what learners were given)."""
    given = "\n".join(c.source for c in exercise.release.cells)
    lines = []
    for cell in exercise.source.cells:
        for block in re.findall(
            r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", cell.source, re.S
        ):
            lines += [
                line.strip()
                for line in block.splitlines()
                if len(line.strip()) > 20 and line.strip() not in given
            ]
    assert lines, "the exercise needs hidden tests"
    return lines


def learner_env(home: Path) -> dict:
    """A learner's own home, and none of the instructor's settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COURSE_")}
    return {**env, "HOME": str(home)}


def test_a_term_through_the_exchange(tmp_path, monkeypatch):
    course = exercises.copy_course(ROOT, tmp_path / "course")
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    exchange.chmod(0o777)
    zone = ZoneInfo(ZONE)
    due = datetime.now(zone).replace(second=0, microsecond=0) + timedelta(hours=1)
    settings = tmp_path / "private" / "settings.toml"
    settings.parent.mkdir()
    settings.write_text(
        f'timezone = "{ZONE}"\n'
        f"late_penalty_per_hour = {PENALTY_PER_HOUR}\n"
        f'[due_dates]\n{NAME} = "{due:%Y-%m-%d %H:%M}"\n'
    )
    # The course id and exchange come from the environment, the rest from the file.
    for variable, value in {
        "COURSE_ROOT": course,
        "COURSE_SETTINGS": settings,
        "COURSE_ID": COURSE_ID,
        "COURSE_EXCHANGE_ROOT": exchange,
    }.items():
        monkeypatch.setenv(variable, str(value))
    instructor = dict(os.environ)
    exercise = Exercise(NAME, ROOT)
    work = {
        "ada": exercise.correct(),
        "bo": exercise.blank(),
        "cy": exercise.tampered(),
        "di": exercise.correct(),  # submitted 2.5 hours after the due date
    }

    nbgrader("release_assignment", NAME, cwd=course, env=instructor)

    homes = {}
    for learner, nb in work.items():
        home = tmp_path / "home" / learner
        home.mkdir(parents=True)
        homes[learner] = home
        env = learner_env(home)
        learner_args = [f"--Exchange.root={exchange}", f"--course={COURSE_ID}"]
        nbgrader("fetch_assignment", NAME, *learner_args, cwd=home, env=env)
        fetched = home / NAME / f"{NAME}.ipynb"
        assert nbformat.read(fetched, 4).cells == exercise.release.cells
        nbformat.write(nb, fetched)
        nbgrader(
            "submit", NAME, f"--student={learner}", *learner_args, cwd=home, env=env
        )

    # di's timestamp as the exchange recorded it, moved to 2.5 hours after the due date.
    (late,) = (exchange / COURSE_ID / "inbound").glob(f"di+{NAME}+*")
    late_at = due.astimezone(UTC) + timedelta(hours=2, minutes=30)
    (late / "timestamp.txt").write_text(f"{late_at:%Y-%m-%d %H:%M:%S.%f} UTC")

    nbgrader("collect", NAME, cwd=course, env=instructor)
    assert grade.learners(course, NAME) == sorted(work)

    out = io.StringIO()
    rows = grade.grade_class(NAME, root=course, jobs=2, out=out)
    summary = {row.learner: row for row in rows}
    max_score = summary["ada"].max_score
    penalty = 3 * PENALTY_PER_HOUR  # three started hours
    assert summary["ada"].score == max_score, out.getvalue()
    assert summary["bo"].score == summary["cy"].score == 0, out.getvalue()
    assert summary["di"].score == max_score - penalty, out.getvalue()
    assert "late" in summary["di"].flags and "late" not in summary["ada"].flags
    assert "tests changed" in summary["cy"].flags, out.getvalue()

    nbgrader("release_feedback", NAME, cwd=course, env=instructor)
    hidden = hidden_test_lines(exercise)
    for learner, home in homes.items():
        env = learner_env(home)
        nbgrader(
            "fetch_feedback",
            NAME,
            f"--student={learner}",
            f"--Exchange.root={exchange}",
            f"--course={COURSE_ID}",
            cwd=home,
            env=env,
        )
        (page,) = (home / NAME / "feedback").glob(f"*/{NAME}.html")
        text = page.read_text()
        # Each test's result is shown...
        for test in exercise.tests():
            assert test.metadata.nbgrader["grade_id"] in text, (learner, test)
        # ...never a line of the hidden tests.
        leaked = [line for line in hidden if line in text or _html(line) in text]
        assert not leaked, (learner, leaked[:3])
    blank_page = next((homes["bo"] / NAME / "feedback").glob("*/*.html")).read_text()
    assert "NotImplementedError" in blank_page  # the learner sees why a part failed

    nbgrader("export", cwd=course, env=instructor)
    with open(course / "grades.csv") as f:
        exported = {row["student_id"]: row for row in csv.DictReader(f)}
    assert float(exported["di"]["late_submission_penalty"]) == penalty
    assert float(exported["di"]["score"]) == max_score - penalty
    assert float(exported["ada"]["score"]) == max_score
    assert exported["di"]["duedate"].startswith(f"{due.astimezone(UTC):%Y-%m-%d %H:%M}")


def _html(line: str) -> str:
    return (
        line.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )
