"""Time the course: each lesson run headless, each exercise graded as a class.

    python -m coursekit.bench                       # lessons, every exercise, Lab
    python -m coursekit.bench --setup               # also a fresh `make lab` set-up
    python -m coursekit.bench --no-lab              # skip Lab and the browser checks
    python -m coursekit.bench --grading flask01_routing   # one exercise's grading only
    python -m coursekit.bench --grading all --class-size 40

Grading: a synthetic class (mostly correct, some blank, some partial) is graded as
`make grade` does, with JOBS=1 and JOBS=2, and the seconds per submission printed
side by side. Targets on a 2-core machine: each lesson <= 10 s, <= 0.75 s of wall
time per submission with JOBS=2, a fresh set-up <= 90 s, `make lab` answering
<= 15 s, the browser checks <= 180 s, the comparison part (notebooks/99_compare*)
<= 120 s. Timings are only meaningful on an otherwise idle machine: the load
average is printed with them.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from . import exercises, fakeclass, grade, paths

LESSON_TARGET, SUBMISSION_TARGET, SETUP_TARGET = 10.0, 0.75, 90.0
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


def time_class(root: Path, name: str, size: int, jobs: int) -> dict[str, float]:
    """Seconds per submission to grade a synthetic class as `make grade A=name
    JOBS=jobs` does: wall time of the autograde, wall time of everything
    (autograde, feedback, export), and CPU time of everything (processes and
    kernels), which depends much less on what else the machine is doing."""
    exercise = fakeclass.Exercise(name, root)
    with tempfile.TemporaryDirectory() as tmp:
        course = exercises.copy_course(root, Path(tmp) / "course")
        for learner, nb in fakeclass.typical_class(exercise, size).items():
            fakeclass.write_submission(course, learner, name, nb)
        grade.ensure_in_gradebook(course, name)  # not part of grading the class
        out = io.StringIO()
        cpu, start = children_cpu(), time.perf_counter()
        rows = grade.grade_class(name, root=course, jobs=jobs, out=out)
        total, cpu = time.perf_counter() - start, children_cpu() - cpu
        if any("not graded" in row.flags for row in rows):
            raise RuntimeError(f"grading {name} failed:\n{out.getvalue()[-3000:]}")
        autograde = float(re.search(r"Autograded in ([\d.]+) s", out.getvalue())[1])
        return {"autograde": autograde / size, "all": total / size, "cpu": cpu / size}


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def grading_report(root: Path, names: list[str], size: int) -> int:
    print(
        f"Grading a class of {size} per exercise, seconds per submission "
        f"(target: autograde with JOBS=2 <= {SUBMISSION_TARGET} s)"
    )
    print(
        f"{'exercise':<26} {'autograde JOBS=1':>16} {'JOBS=2':>7} "
        f"{'all JOBS=1':>10} {'JOBS=2':>7} {'CPU':>5}   load before/after"
    )
    slow = 0
    for name in names:
        load = os.getloadavg()[0]
        serial = time_class(root, name, size, 1)
        parallel = time_class(root, name, size, 2)
        mark = "ok" if parallel["autograde"] <= SUBMISSION_TARGET else "SLOW"
        slow += mark == "SLOW"
        print(
            f"{name:<26} {serial['autograde']:16.2f} {parallel['autograde']:7.2f} "
            f"{serial['all']:10.2f} {parallel['all']:7.2f} {parallel['cpu']:5.2f}   "
            f"{load:.1f}/{os.getloadavg()[0]:.1f} {mark}",
            flush=True,
        )
    print(
        "('all': autograde, feedback and grades.csv; CPU: processor seconds per "
        "submission, which a 2-core machine spends at up to 2 per second)"
    )
    return slow


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
    parser.add_argument(
        "--grading",
        metavar="EXERCISE",
        action="append",
        help="only time the grading of this exercise ('all': every one); repeatable",
    )
    parser.add_argument("--class-size", type=int, default=40, help="default: 40")
    args = parser.parse_args(argv)
    root = paths.course_root()
    names = exercises.assignments(root)
    if args.grading and "all" not in args.grading:
        unknown = set(args.grading) - set(names)
        if unknown:
            parser.error(f"unknown exercise(s) {sorted(unknown)}; known: {names}")
        names = args.grading

    part = compare_part(root)
    slow = 0
    if not args.grading:
        lessons = [
            (f"lesson {nb.parent.name}/{nb.stem}", time_lesson(nb), LESSON_TARGET)
            for nb in sorted((root / "notebooks").rglob("[0-9][0-9]_*.ipynb"))
            if nb not in part
        ]
        slow += report(lessons)
        print(f"{'total lessons':<48} {sum(r[1] for r in lessons):7.2f} s")
        compare, ratios = time_compare(root)
        slow += report(compare)
        print("throughput, share of a bare-WSGI app under the same server:")
        for name, share in ratios.items():
            print(f"  {name:<46} {share:7.2%}")
    slow += grading_report(root, names, args.class_size)
    if args.setup:
        rows = [("fresh environment (make lab set-up)", time_setup(root), SETUP_TARGET)]
        slow += report(rows)
    if not args.no_lab and not args.grading:
        slow += report(lab_figures(root))
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
