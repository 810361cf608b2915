"""Snapshots are generated from the lessons, and each one passes its own tests."""

from __future__ import annotations

import subprocess
import sys

import nbformat
import pytest

from coursekit import paths, snapshots

ROOT = paths.course_root()
FLASK_STEPS = paths.snapshot_dirs("flask", ROOT)


@pytest.mark.slow
def test_snapshots_match_the_lessons():
    problems = snapshots.check(ROOT)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("step", FLASK_STEPS, ids=lambda p: p.name)
def test_flask_snapshot_own_tests_pass(step):
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=step,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout


def test_finished_flask_app_has_a_readme():
    readme = (FLASK_STEPS[-1] / "README.md").read_text()
    for command in (
        "flask --app bookmarks run",
        "db upgrade",
        "create-staff",
        "seed-demo",
    ):
        assert command in readme


def test_replay_writes_listings_in_order_and_skips_other_cells(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("from coursekit import catch_up"),
        nbformat.v4.new_code_cell("%%listing app/a.py\nA = 1\n"),
        nbformat.v4.new_code_cell("%%listing app/a.py\nA = 2\n"),
        nbformat.v4.new_code_cell("%%listing app/old.py\nOLD = 1\n"),
        nbformat.v4.new_code_cell("%remove app/old.py"),
        nbformat.v4.new_code_cell("%flask db upgrade"),  # not tagged: not replayed
        nbformat.v4.new_markdown_cell("%%listing nope.py\n"),
    ]
    path = tmp_path / "01_demo.ipynb"
    nbformat.write(nb, path)
    out = tmp_path / "out"
    out.mkdir()
    snapshots.replay_lesson(path, out)
    assert paths.source_files(out) == {"app/a.py": out / "app" / "a.py"}
    assert (out / "app" / "a.py").read_text() == "A = 2\n"


def test_compare_reports_each_kind_of_drift(tmp_path):
    built, committed = tmp_path / "built" / "step01_x", tmp_path / "repo" / "step01_x"
    for folder in (built, committed):
        folder.mkdir(parents=True)
    (built / "same.py").write_text("x = 1\n")
    (committed / "same.py").write_text("x = 1\n")
    (built / "changed.py").write_text("new\n")
    (committed / "changed.py").write_text("old\n")
    (built / "new.py").write_text("")
    (committed / "stale.py").write_text("")
    problems = "\n".join(snapshots.compare(built, committed))
    assert "changed.py differs" in problems
    assert "new.py: missing" in problems
    assert "stale.py: not written by any lesson" in problems
    assert "same.py" not in problems
