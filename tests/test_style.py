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
