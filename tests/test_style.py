"""Code and notebooks are ruff clean; committed notebooks carry no outputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from coursekit import paths

ROOT = paths.course_root()
RUFF = str(Path(sys.executable).with_name("ruff"))


def tracked_notebooks() -> list[Path]:
    folders = ("notebooks", "solutions", "exercises")
    return sorted(
        p
        for f in folders
        for p in (ROOT / f).rglob("*.ipynb")
        if ".ipynb_checkpoints" not in p.parts
    )


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
    nb = json.loads(notebook.read_text())
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


LESSONS = sorted((ROOT / "notebooks").glob("*/[0-9][0-9]_*.ipynb"))


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
