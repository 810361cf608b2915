"""Time the course: each lesson run headless, each exercise autograded.

    python -m coursekit.bench            # lessons and exercises
    python -m coursekit.bench --setup    # also a fresh `make lab` environment

Targets on a 2-core machine: each lesson <= 10 s, one submission <= 5 s,
a fresh set-up <= 90 s, the comparison part (notebooks/99_compare*) <= 120 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from . import exercises, paths

LESSON_TARGET, SUBMISSION_TARGET, SETUP_TARGET = 10.0, 5.0, 90.0
# The comparison part's notebooks start servers and load them: the target is
# for the part as a whole (each of its notebooks is within it too).
COMPARE_TARGET = 120.0


def time_lesson(notebook: Path) -> float:
    return run_notebook(notebook)[0]


def run_notebook(notebook: Path) -> tuple[float, nbformat.NotebookNode]:
    """Seconds to run ``notebook`` headless, and the notebook with its outputs."""
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["COURSE_WORKSPACE"] = str(Path(tmp) / "workspace")
        nb = nbformat.read(notebook, as_version=4)
        client = NotebookClient(
            nb,
            timeout=120,
            resources={"metadata": {"path": str(notebook.parent)}},
            shutdown_kernel="immediate",
        )
        start = time.perf_counter()
        client.execute()
        return time.perf_counter() - start, nb


def compare_part(root: Path) -> list[Path]:
    """The comparison part's notebooks (notebooks/99_compare*.ipynb)."""
    return sorted((root / "notebooks").glob("99_compare*.ipynb"))


def time_compare(root: Path) -> tuple[list[tuple[str, float, float]], dict]:
    """Each notebook of the comparison part, their total against the part's target,
    and the throughput ratios the performance notebook prints (cell tagged
    ``ratios``: each app's share of the bare-WSGI ceiling)."""
    rows, ratios = [], {}
    for notebook in compare_part(root):
        seconds, nb = run_notebook(notebook)
        rows.append((f"compare {notebook.stem}", seconds, COMPARE_TARGET))
        for cell in nb.cells:
            if "ratios" in cell.metadata.get("tags", []):
                text = "".join(o.get("text", "") for o in cell.outputs)
                ratios.update(json.loads(text.strip().splitlines()[-1]))
    total = sum(row[1] for row in rows)
    return [*rows, ("compare: the whole part", total, COMPARE_TARGET)], ratios


def time_submission(root: Path, name: str) -> float:
    """Seconds for ``nbgrader autograde`` of one correct submission."""
    with tempfile.TemporaryDirectory() as tmp:
        course = exercises.copy_course(root, Path(tmp) / "course")
        exercises.nbgrader("generate_assignment", name, "--force", cwd=course)
        folder = course / "submitted" / "learner" / name
        folder.mkdir(parents=True)
        shutil.copy(root / "solutions" / name / f"{name}.ipynb", folder)
        start = time.perf_counter()
        result = exercises.nbgrader("autograde", name, cwd=course)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            raise RuntimeError(f"autograde {name} failed:\n{result.stderr[-2000:]}")
        return elapsed


def time_setup(root: Path) -> float:
    """Seconds to build a fresh course environment as `make lab` does."""
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        pins = paths.pinned_requirements(root)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, *pins], check=True, capture_output=True)
        subprocess.run([*pip, "--no-deps", "-e", str(root)], check=True)
        return time.perf_counter() - start


def report(rows: list[tuple[str, float, float]]) -> int:
    slow = 0
    for label, seconds, target in rows:
        mark = "ok" if seconds <= target else "SLOW"
        slow += mark == "SLOW"
        print(f"{label:<48} {seconds:7.2f} s  (target {target:.0f} s) {mark}")
    return slow


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--setup", action="store_true", help="also time a fresh set-up")
    args = parser.parse_args(argv)
    root = paths.course_root()

    part = compare_part(root)
    lessons = [
        (f"lesson {nb.parent.name}/{nb.stem}", time_lesson(nb), LESSON_TARGET)
        for nb in sorted((root / "notebooks").rglob("[0-9][0-9]_*.ipynb"))
        if nb not in part
    ]
    compare, ratios = time_compare(root)
    grading = [
        (f"autograde one {name}", time_submission(root, name), SUBMISSION_TARGET)
        for name in exercises.assignments(root)
    ]
    rows = lessons + compare + grading
    if args.setup:
        rows.append(
            ("fresh environment (make lab set-up)", time_setup(root), SETUP_TARGET)
        )
    slow = report(rows)
    print(f"{'total lessons':<48} {sum(r[1] for r in lessons):7.2f} s")
    total_grading = sum(r[1] for r in grading)
    print(f"{'total autograde (one submission each)':<48} {total_grading:7.2f} s")
    print("throughput, share of a bare-WSGI app under the same server:")
    for name, share in ratios.items():
        print(f"  {name:<46} {share:7.2%}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
