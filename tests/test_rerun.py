"""Every lesson runs from a fresh kernel, then every code cell runs again, in order,
in the same kernel: a learner may re-run any cell, or the whole notebook, at any time.

The first pass is the fresh-kernel run (each lesson in its own empty workspace, which
proves catch-up works when earlier lessons were skipped); the second pass is the
re-run of the same cells on the state the first one left.
"""

from __future__ import annotations

import asyncio

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from coursekit import paths, tracked

ROOT = paths.course_root()
NOTEBOOKS = tracked.tracked_files(ROOT, "notebooks/**/[0-9][0-9]_*.ipynb")

pytestmark = pytest.mark.slow


async def run_twice(client: NotebookClient) -> None:
    async with client.async_setup_kernel():
        for run in ("first run", "re-run"):
            for index, cell in enumerate(client.nb.cells):
                try:
                    await client.async_execute_cell(
                        cell, index, execution_count=client.code_cells_executed + 1
                    )
                except CellExecutionError as error:
                    raise AssertionError(f"{run}, cell {index}:\n{error}") from None
    code_cells = sum(cell.cell_type == "code" for cell in client.nb.cells)
    assert client.code_cells_executed == 2 * code_cells, "every code cell ran twice"


def test_there_are_lessons():
    assert len(NOTEBOOKS) >= 12, NOTEBOOKS


@pytest.mark.parametrize(
    "notebook", NOTEBOOKS, ids=lambda p: f"{p.parent.name}-{p.stem}"
)
def test_lesson_runs_and_every_cell_reruns(notebook, tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_WORKSPACE", str(tmp_path / "workspace"))
    monkeypatch.delenv("JUPYTERHUB_SERVICE_PREFIX", raising=False)
    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(
        nb,
        # A hang guard, not a speed check (make bench times the notebooks): the
        # comparison part waits on whole test suites, slow on a busy machine.
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(notebook.parent)}},
        shutdown_kernel="immediate",
    )
    asyncio.run(run_twice(client))
