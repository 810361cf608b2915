"""Time the course: each lesson run headless, each exercise autograded.

    python -m coursekit.bench            # lessons and exercises
    python -m coursekit.bench --setup    # also a fresh `make lab` environment
    python -m coursekit.bench --no-lab   # without Lab (start, memory, browser checks)

Targets on a 2-core machine: each lesson <= 10 s, one submission <= 5 s,
a fresh set-up <= 90 s, `make lab` answering <= 15 s, the browser checks <= 180 s.
"""

from __future__ import annotations

import argparse
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


def time_lesson(notebook: Path) -> float:
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
        return time.perf_counter() - start


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


LAB_START_TARGET, BROWSER_CHECKS_TARGET = 15.0, 180.0


def lab_figures(root: Path) -> list[tuple[str, float, float]]:
    """Seconds from `make lab` to Lab answering, and of the browser checks; prints
    the memory of the Lab server plus one idle kernel per lesson."""
    import secrets
    import signal

    from . import lab

    port, token = lab.free_port(), secrets.token_hex(16)
    url = f"http://127.0.0.1:{port}"
    args = f"ARGS=--no-browser --port={port} --IdentityProvider.token={token}"
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "JUPYTER_RUNTIME_DIR": tmp, "COURSE_WORKSPACE": tmp}
        start = time.perf_counter()
        # Its own session: make, the launcher and Jupyter are stopped together.
        make = subprocess.Popen(
            ["make", "-s", "lab", args],
            cwd=root,
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            lab.wait_until_answering(make, url, token)
            rows = [
                (
                    "make lab -> Lab answering",
                    time.perf_counter() - start,
                    LAB_START_TARGET,
                )
            ]
            lessons = sorted((root / "notebooks").rglob("[0-9][0-9]_*.ipynb"))
            for notebook in lessons:
                path = notebook.relative_to(root).as_posix()
                session = {
                    "path": path,
                    "type": "notebook",
                    "name": notebook.name,
                    "kernel": {"name": "python3"},
                }
                lab.api(url, token, "sessions", session)
            deadline = time.monotonic() + 300
            while time.monotonic() < deadline and any(
                k["execution_state"] != "idle" for k in lab.api(url, token, "kernels")
            ):
                time.sleep(0.5)  # a kernel's state is known only by asking
            print(
                f"{f'Lab + {len(lessons)} idle lesson kernels (RSS)':<48} "
                f"{lab.tree_rss_mb(make.pid):7.0f} MB"
            )
        finally:
            os.killpg(make.pid, signal.SIGTERM)
            make.wait(timeout=60)

    start = time.perf_counter()
    checks = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/browser",
        ],
        cwd=root,
        capture_output=True,
        text=True,
    )
    summary = (checks.stdout.strip().splitlines() or [""])[-1].strip("= ")
    elapsed = time.perf_counter() - start
    return [*rows, (f"browser checks ({summary})", elapsed, BROWSER_CHECKS_TARGET)]


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
    parser.add_argument("--no-lab", action="store_true", help="skip Lab's figures")
    args = parser.parse_args(argv)
    root = paths.course_root()

    lessons = [
        (f"lesson {nb.parent.name}/{nb.stem}", time_lesson(nb), LESSON_TARGET)
        for nb in sorted((root / "notebooks").rglob("[0-9][0-9]_*.ipynb"))
    ]
    grading = [
        (f"autograde one {name}", time_submission(root, name), SUBMISSION_TARGET)
        for name in exercises.assignments(root)
    ]
    rows = lessons + grading
    if args.setup:
        rows.append(
            ("fresh environment (make lab set-up)", time_setup(root), SETUP_TARGET)
        )
    if not args.no_lab:
        rows += lab_figures(root)
    slow = report(rows)
    print(f"{'total lessons':<48} {sum(r[1] for r in lessons):7.2f} s")
    total_grading = sum(r[1] for r in grading)
    print(f"{'total autograde (one submission each)':<48} {total_grading:7.2f} s")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
