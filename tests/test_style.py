"""Code and notebooks are ruff clean; committed notebooks carry no outputs.

The checks judge the course as git tracks it: a learner's saved outputs, answered
exercises, ``.ipynb_checkpoints/`` and ``workspace/`` are theirs, and never make a
check fail (see the last test).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coursekit import paths, tracked

ROOT = paths.course_root()
RUFF = str(Path(sys.executable).with_name("ruff"))


def tracked_notebooks() -> list[Path]:
    folders = ("notebooks", "solutions", "exercises")
    return tracked.tracked_files(ROOT, *(f"{folder}/**/*.ipynb" for folder in folders))


def test_ruff_check():
    result = subprocess.run(
        [RUFF, "check", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_ruff_format():
    result = subprocess.run(
        [RUFF, "format", "--check", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + "\nRun `make format`."


@pytest.mark.parametrize("notebook", tracked_notebooks(), ids=lambda p: p.stem)
def test_notebook_is_committed_without_outputs(notebook):
    # The version in git's index: a learner's saved outputs are not committed.
    nb = json.loads(tracked.committed_text(ROOT, notebook))
    dirty = [
        i
        for i, cell in enumerate(nb["cells"])
        if cell["cell_type"] == "code"
        and (cell.get("outputs") or cell.get("execution_count"))
    ]
    assert not dirty, f"{notebook.relative_to(ROOT)}: cells {dirty} have outputs"


def test_navigation_footers_are_current():
    from coursekit import nav

    assert nav.run(write=False, root=ROOT) == [], "run `python -m coursekit.nav write`"


LESSONS = tracked.tracked_files(ROOT, "notebooks/*/[0-9][0-9]_*.ipynb")


@pytest.mark.parametrize("notebook", LESSONS, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_lesson_follows_the_template(notebook):
    import re

    cells = json.loads(notebook.read_text())["cells"]
    text = lambda cell: "".join(cell["source"])  # noqa: E731
    track, number = notebook.parent.name, int(notebook.name[:2])
    title = text(cells[0])
    assert re.match(rf"# {number:02d} · {track.capitalize()}: ", title), title[:60]
    assert re.search(r"begins (with|where)", title), "says where the lesson begins"
    first_code = next(text(c) for c in cells if c["cell_type"] == "code")
    assert f'catch_up("{track}", {number})' in first_code, "the set-up cell comes first"
    markdown = "\n".join(text(c) for c in cells if c["cell_type"] == "markdown")
    for heading in ("Summary", "Check your understanding", "Further reading"):
        assert re.search(rf"^## .*{heading}", markdown, re.M), f"no '{heading}' section"
    exercise = f"{track}{number:02d}_{notebook.stem[3:]}"
    assert f"exercises/{exercise}/{exercise}.ipynb" in markdown, "links its exercise"
    assert (ROOT / "exercises" / exercise / f"{exercise}.ipynb").is_file()


def test_a_learners_clone_passes_the_checks(tmp_path):
    """A clone after some lessons: outputs saved, an exercise answered, Lab's
    checkpoints and a workspace with code of the learner's own. The checks that
    read the repository stay green, and list no learner file."""
    import shutil
    import subprocess

    import nbformat

    clone = tmp_path / "clone"
    if (ROOT / ".git").exists():
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        subprocess.run(["git", "-C", str(clone), "checkout", "-q", head], check=True)
    else:  # an edition not yet under git: a learner's first commit makes it one
        shutil.copytree(
            ROOT, clone, ignore=shutil.ignore_patterns(".venv", "workspace")
        )
        git = ["git", "-C", str(clone), "-c", "user.name=L", "-c", "user.email=l@x"]
        subprocess.run([*git, "init", "-q"], check=True)
        subprocess.run([*git, "add", "-A"], check=True)
        subprocess.run([*git, "commit", "-qm", "course"], check=True)

    lesson = clone / "notebooks" / "flask" / "01_routing.ipynb"
    nb = nbformat.read(lesson, as_version=4)
    for count, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        cell.execution_count = count + 1
        cell.outputs = [nbformat.v4.new_output("stream", text="ran\n")]
    nbformat.write(nb, lesson)
    name = "flask01_routing"
    # An answer of the learner's own (the release holds no solutions to copy).
    answered = nbformat.read(clone / "exercises" / name / f"{name}.ipynb", 4)
    for cell in answered.cells:
        if cell.cell_type == "code":
            cell.source = cell.source.replace("raise NotImplementedError()", "pass")
    answered.cells[-1].outputs = [nbformat.v4.new_output("stream", text="ok\n")]
    answered.cells[-1].execution_count = 1
    nbformat.write(answered, clone / "exercises" / name / f"{name}.ipynb")
    for notebook in (lesson, clone / "exercises" / name / f"{name}.ipynb"):
        checkpoints = notebook.parent / ".ipynb_checkpoints"
        checkpoints.mkdir()
        shutil.copy(notebook, checkpoints / f"{notebook.stem}-checkpoint.ipynb")
    (clone / "notebooks" / ".ipynb_checkpoints").mkdir()  # where Lab puts them
    top = clone / "notebooks" / ".ipynb_checkpoints"
    shutil.copy(lesson, top / "01_routing-checkpoint.ipynb")
    mine = clone / "workspace" / "flask" / "bookmarks"
    mine.mkdir(parents=True)
    (mine / "__init__.py").write_text("import os\nx=1\n")  # not ruff clean: theirs
    (clone / "workspace" / "notes.ipynb").write_text(lesson.read_text())

    tests = Path(__file__).parent
    env = {
        **os.environ,
        "COURSE_ROOT": str(clone),
        "COURSE_WORKSPACE": str(clone / "workspace"),
    }
    checks = [
        str(tests / "test_style.py"),
        str(tests / "test_lessons.py"),
        str(tests / "test_snapshots.py") + "::test_snapshots_match_the_lessons",
        "-k",
        "not learners_clone",
    ]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider"]
        + checks,
        cwd=clone,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    listed = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--collect-only", "-n", "0"]
        + [str(tests / "test_rerun.py"), str(tests / "test_style.py")],
        cwd=clone,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    ).stdout
    assert "checkpoint" not in listed and "workspace" not in listed, listed
    assert "flask-01_routing" in listed


def test_outside_git_the_learners_folders_are_still_skipped(tmp_path):
    """A course downloaded as an archive has no git: list files on disk, minus the
    folders that are never the course's."""
    for name in (
        "notebooks/flask/01_routing.ipynb",
        "notebooks/flask/.ipynb_checkpoints/01_routing-checkpoint.ipynb",
        "workspace/flask/01_copy.ipynb",
        "notebooks/flask/deeper/01_x.ipynb",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}")
    assert tracked.tracked_files(tmp_path, "notebooks/*/[0-9][0-9]_*.ipynb") == [
        tmp_path / "notebooks" / "flask" / "01_routing.ipynb"
    ]
    assert len(tracked.tracked_files(tmp_path, "**/*.ipynb")) == 2
    lesson = tmp_path / "notebooks" / "flask" / "01_routing.ipynb"
    assert tracked.committed_text(tmp_path, lesson) == "{}"
