"""Every lesson runs headless from a fresh kernel, in its own empty workspace."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from coursekit import paths

ROOT = paths.course_root()
NOTEBOOKS = sorted((ROOT / "notebooks").rglob("[0-9][0-9]_*.ipynb"))

pytestmark = pytest.mark.slow


def test_there_are_lessons():
    assert len(paths.lesson_notebooks("flask", ROOT)) >= 6


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_lesson_runs_from_a_fresh_kernel(notebook, tmp_path, monkeypatch):
    # A separate workspace per lesson proves catch-up works when earlier lessons
    # were skipped.
    monkeypatch.setenv("COURSE_WORKSPACE", str(tmp_path / "workspace"))
    monkeypatch.delenv("JUPYTERHUB_SERVICE_PREFIX", raising=False)
    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(notebook.parent)}},
        shutdown_kernel="immediate",
    )
    client.execute()  # raises CellExecutionError, naming the cell, on any error


@pytest.mark.parametrize("track", paths.TRACKS)
def test_each_snapshot_is_made_by_a_lesson(track):
    steps = [paths.step_name(nb) for nb in paths.lesson_notebooks(track, ROOT)]
    assert [p.name for p in paths.snapshot_dirs(track, ROOT)] == steps
