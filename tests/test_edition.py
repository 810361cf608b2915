"""The learner edition: built from this repository, without any answer in it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from coursekit import edition, exercises, paths

ROOT = paths.course_root()
PYTHON = sys.executable


@pytest.fixture(scope="module")
def learner(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("edition") / "bookmarks-course-learner"
    edition.build(out, root=ROOT)
    return out


def test_no_answer_or_hidden_test_is_in_any_file(learner):
    known = edition.secrets(ROOT)
    # Each exercise has answers and hidden tests to look for.
    for name in exercises.assignments(ROOT):
        kinds = {s.kind for s in known if s.label.startswith(f"{name}:")}
        assert kinds == {"answer", "hidden test"}, name
    checked = edition.secrets_to_check(ROOT)
    taught = edition.taught_in_lessons(ROOT, known)
    assert len(checked) + len(taught) == len(known)
    assert edition.find_leaks(learner, checked) == []
    assert not (learner / "solutions").exists()
    assert not list(learner.rglob("gradebook.db"))
    for left_out in ("tests/test_exercises.py", "src/coursekit/edition.py", "deploy"):
        assert not (learner / left_out).exists(), left_out
    # Everything else a learner needs is there.
    for name in exercises.assignments(ROOT):
        assert (learner / "exercises" / name / f"{name}.ipynb").is_file()
    for needed in ("notebooks/00_start_here.ipynb", "environment.yml", "postBuild"):
        assert (learner / needed).is_file(), needed
    assert (learner / "sample_projects" / "flask").is_dir()


def test_the_scan_finds_an_answer_and_a_hidden_test(tmp_path):
    checked = edition.secrets_to_check(ROOT)
    answer = next(s for s in checked if s.kind == "answer" and len(s.lines) > 3)
    hidden = next(s for s in checked if s.kind == "hidden test")
    # An answer pasted into a notebook (JSON-escaped on disk), re-indented.
    nb = nbformat.v4.new_notebook()
    nb.cells.append(
        nbformat.v4.new_code_cell(
            "if True:\n" + "\n".join(f"    {line}" for line in answer.lines)
        )
    )
    nbformat.write(nb, tmp_path / "copied.ipynb")
    (tmp_path / "notes.py").write_text("# kept for later\n" + hidden.text + "\n")
    (tmp_path / "clean.py").write_text("\n".join(hidden.lines[:-1]) + "\n")
    leaks = edition.find_leaks(tmp_path, checked)
    assert f"copied.ipynb: answer {answer.label}" in leaks
    assert f"notes.py: hidden test {hidden.label}" in leaks
    assert not [leak for leak in leaks if leak.startswith("clean.py")], leaks


def test_readme_wording_and_binder_badge(learner):
    full = (ROOT / "README.md").read_text()
    text = (learner / "README.md").read_text()
    badge = re.compile(r"^\[binder\]: https://mybinder\.org/v2/gh/([^/]+/[^/]+)/", re.M)
    # The repository is named in one place only, in each edition.
    assert badge.findall(full) == [edition.FULL_REPOSITORY]
    assert full.count(edition.FULL_REPOSITORY) == 1
    assert badge.findall(text) == [edition.LEARNER_REPOSITORY]
    assert "[![Binder]" in text
    assert "solutions/" not in text
    assert "learner edition" in text and "## This edition" in text
    assert "edition only" not in text, "edition markers are removed"
    assert "## This edition" not in re.sub(r"<!--.*?-->", "", full, flags=re.S)
    # Every link of the learner README leads to a file of the edition.
    for target in re.findall(r"\]\(([^)#:]+)\)", text):
        assert (learner / target).exists(), f"README links to missing {target}"


def test_start_notebook_says_where_the_solutions_are(learner):
    def markdown(path: Path) -> str:
        nb = nbformat.read(path, as_version=4)
        return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")

    full = markdown(ROOT / edition.START_NOTEBOOK)
    assert "`solutions/`" in full and "learner edition" in full
    text = markdown(learner / edition.START_NOTEBOOK)
    assert "solutions/" not in text
    assert edition.LEARNER_SOLUTIONS_PARAGRAPH in text
    # The rest of the notebook is unchanged (and still has no outputs).
    nb = json.loads((learner / edition.START_NOTEBOOK).read_text())
    assert not any(c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")
    assert len(nb["cells"]) == len(
        json.loads((ROOT / edition.START_NOTEBOOK).read_text())["cells"]
    )


def test_learner_makefile_has_no_instructor_targets(learner):
    help_text = subprocess.run(
        ["make", "help"], cwd=learner, capture_output=True, text=True, check=True
    ).stdout
    assert "make lab" in help_text and "make test" in help_text
    makefile = (learner / "Makefile").read_text()
    full = (ROOT / "Makefile").read_text()
    for target in edition.INSTRUCTOR_TARGETS:
        assert f"make {target}" not in help_text
        rule = re.compile(rf"^{re.escape(target)}\s*:", re.M)
        assert rule.search(full) and not rule.search(makefile), target
    dry = subprocess.run(
        ["make", "-n", "lab", "test", "lint"], cwd=learner, capture_output=True
    )
    assert dry.returncode == 0, dry.stderr


def test_learner_checks_need_no_solutions(learner):
    """Every check of the edition loads without solutions/; its style checks
    (ruff, clean notebooks, lesson template, footers) pass there."""
    env = {**os.environ, "COURSE_ROOT": str(learner)}

    def pytest_in_edition(*args):
        return subprocess.run(
            [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
            cwd=learner,
            env=env,
            capture_output=True,
            text=True,
        )

    collected = pytest_in_edition("--collect-only")
    assert collected.returncode == 0, collected.stdout[-3000:] + collected.stderr
    assert "test_ruff_check" in collected.stdout
    assert "test_exercises" not in collected.stdout
    style = pytest_in_edition("tests/test_style.py")
    assert style.returncode == 0, style.stdout[-3000:]


@pytest.mark.slow
@pytest.mark.parametrize(
    "name",
    [
        next(a for a in exercises.assignments(ROOT) if a.startswith(t))
        for t in paths.TRACKS
    ],
)
def test_validate_works_in_the_learner_edition(learner, name, tmp_path):
    """Validate (what the learner's toolbar button runs) needs no solutions/."""
    release = learner / "exercises" / name / f"{name}.ipynb"
    blank = exercises.nbgrader("validate", "--invert", str(release), cwd=learner)
    assert "Success!" in blank.stdout, blank.stdout + blank.stderr
    # A learner who answers as the solution does passes every visible test.
    answers = {
        c.metadata["nbgrader"]["grade_id"]: c.source
        for c in nbformat.read(ROOT / "solutions" / name / f"{name}.ipynb", 4).cells
        if c.metadata.get("nbgrader", {}).get("solution")
    }
    nb = nbformat.read(release, as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    answered = learner / "exercises" / name / "answered.ipynb"
    nbformat.write(nb, answered)
    try:
        result = exercises.nbgrader("validate", str(answered), cwd=learner)
    finally:
        answered.unlink()
    assert result.returncode == 0 and "Success!" in result.stdout, result.stdout


def test_never_overwrites_a_folder_without_force(tmp_path):
    out = tmp_path / "learner"
    out.mkdir()
    (out / "my-notes.md").write_text("mine\n")
    with pytest.raises(edition.EditionError, match="not empty"):
        edition.build(out, root=ROOT)
    assert sorted(p.name for p in out.iterdir()) == ["my-notes.md"]
    with pytest.raises(edition.EditionError, match="inside the course"):
        edition.build(ROOT / "workspace" / "learner", root=ROOT, force=True)

    edition.build(out, root=ROOT, force=True)
    (out / "environment.yml").write_text("edited\n")
    report = edition.build(out, root=ROOT, force=True)
    assert (out / "my-notes.md").read_text() == "mine\n", "your files stay"
    assert report.others == ["my-notes.md"]
    assert report.backed_up == ["environment.yml"] and report.written == 1
    assert (report.backup / "environment.yml").read_text() == "edited\n"
    assert (out / "environment.yml").read_bytes() == (
        ROOT / "environment.yml"
    ).read_bytes()
    shutil.rmtree(report.backup)
