"""Grade a class with nbgrader, in parallel; or check one learner's exercise.

    python -m coursekit.grade class flask01_routing --jobs 2   # make grade A=... JOBS=2
    python -m coursekit.grade check flask01_routing            # make check A=...

``class`` autogrades every submission in ``submitted/<learner>/<assignment>/``, in
parallel processes split by learner, then generates each learner's feedback,
exports ``grades.csv`` and prints one summary table (score and flags per learner).
``check`` grades a learner's own ``exercises/<assignment>`` notebook against
``solutions/`` in a temporary course folder and prints each part's result, never
the hidden tests' code.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbgrader import utils
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.apps.api import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from sqlalchemy.exc import SAWarning
from traitlets.config.loader import PyFileConfigLoader

from . import exercises, paths
from .grading import FLAGS_KEY, SettingsError, learner_message, load_settings

FLAG_ORDER = ("crashed", "timed out", "tests changed", "late", "not graded")


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def db_url(root: Path) -> str:
    # Parallel graders share one SQLite file: wait for a lock instead of failing.
    return f"sqlite:///{root / 'gradebook.db'}?timeout=120"


def learners(root: Path, assignment: str) -> list[str]:
    folder = root / "submitted"
    if not folder.is_dir():
        return []
    return sorted(p.parent.name for p in folder.glob(f"*/{assignment}") if p.is_dir())


def run_nbgrader(
    root: Path, *args: str, env: dict | None = None
) -> subprocess.CompletedProcess:
    """nbgrader from this environment (it runs ``alembic`` by name: PATH first)."""
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, **(env or {})}
    env["PATH"] = os.pathsep.join([str(bin_dir), env.get("PATH", "")])
    return subprocess.run(
        [str(bin_dir / "nbgrader"), *args, f"--CourseDirectory.db_url={db_url(root)}"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )


# Grading processes: each loads nbgrader and the course's configuration once, then
# takes one learner at a time (a looping submission does not hold up a whole share).
_api = None


def _start_worker(root: str) -> None:
    global _api
    config = PyFileConfigLoader("nbgrader_config.py", path=root).load_config()
    config.CourseDirectory.root = root
    config.CourseDirectory.db_url = db_url(Path(root))
    _api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
    # Results come back as text (below). Everything else the worker and its kernels
    # print (nbgrader's own database warnings, kernel start-up notices) goes to the
    # log file, not the instructor's terminal.
    _api.log.propagate = False
    _api.log.addHandler(logging.NullHandler())
    log = os.open(Path(root) / ".nbgrader.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    warnings.simplefilter("ignore", SAWarning)


def _autograde(job: tuple[str, str, bool]) -> tuple[str, bool, str]:
    assignment, learner, force = job
    result = _api.autograde(assignment, learner, force=force, create=True)
    return learner, result["success"], result.get("log", "") + result.get("error", "")


def _feedback(job: tuple[str, list[str], list[str]]) -> tuple[str, bool, str]:
    """Feedback for a share of the class in one go (one HTML exporter, whose
    templates cost as much to load as two learners' pages)."""
    assignment, share, others = job
    _api.coursedir.student_id_exclude = ",".join(others)
    result = _api.generate_feedback(assignment, None, force=True)
    log = result.get("log", "") + result.get("error", "")
    return ",".join(share), result["success"], log


def in_workers(root: Path, jobs: int, task, work: list[tuple]) -> list[tuple]:
    """Run ``task`` on each job in ``jobs`` processes; (learner, ok, log) each.

    Forked workers share the parent's imports (nbgrader takes ~2 s to import). If a
    worker process dies (e.g. killed for memory), its learners are tried again
    once in fresh processes, then reported as not graded.
    """
    context = multiprocessing.get_context(
        "fork" if sys.platform == "linux" else "spawn"
    )
    results, pending = [], list(work)
    for _attempt in range(2):
        if not pending:
            break
        with ProcessPoolExecutor(
            max_workers=min(jobs, len(pending)),
            mp_context=context,
            initializer=_start_worker,
            initargs=(str(root),),
        ) as pool:
            futures = [(job, pool.submit(task, job)) for job in pending]
            pending = []
            for job, future in futures:
                try:
                    results.append(future.result())
                except BrokenProcessPool:
                    pending.append(job)
    for job in pending:
        who = job[1] if isinstance(job[1], str) else ",".join(job[1])
        results.append((who, False, "[ERROR] the grading process died"))
    return results


def ensure_in_gradebook(root: Path, assignment: str) -> None:
    """``autograde`` needs the assignment's cells in this machine's gradebook."""
    if (root / "gradebook.db").is_file():
        try:
            with Gradebook(db_url(root)) as gradebook:
                if gradebook.find_assignment(assignment).notebooks:
                    return
        except MissingEntry:
            pass
    # generate_assignment fills the gradebook; the committed release is left alone.
    with tempfile.TemporaryDirectory() as tmp:
        result = run_nbgrader(
            root,
            "generate_assignment",
            assignment,
            "--force",
            f"--CourseDirectory.release_directory={tmp}",
        )
    if result.returncode != 0:
        raise RuntimeError(f"generate_assignment {assignment} failed:\n{result.stderr}")


def use_write_ahead_log(root: Path) -> None:
    """Parallel graders share the gradebook: in WAL mode (a setting stored in
    the file) readers never wait for a writer, and each commit costs less."""
    with sqlite3.connect(root / "gradebook.db", timeout=120) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
    connection.close()


def set_due_date(root: Path, assignment: str) -> None:
    due = load_settings(root).due_dates.get(assignment)
    if due is not None:
        with Gradebook(db_url(root)) as gradebook:
            gradebook.update_or_create_assignment(assignment, duedate=due)


@dataclass
class Row:
    learner: str
    score: float | None = None
    max_score: float = 0
    penalty: float = 0
    flags: dict[str, list[str]] = field(default_factory=dict)


def summarise(root: Path, assignment: str, names: list[str]) -> list[Row]:
    rows = []
    with Gradebook(db_url(root)) as gradebook:
        max_score = gradebook.find_assignment(assignment).max_score
        for name in names:
            row = Row(name, max_score=max_score)
            notebooks = sorted(
                (root / "autograded" / name / assignment).glob("*.ipynb")
            )
            try:
                submission = gradebook.find_submission(assignment, name)
            except MissingEntry:
                submission = None
            if submission is None or not notebooks:
                row.flags["not graded"] = ["see the log above"]
                rows.append(row)
                continue
            row.score = submission.score - submission.late_submission_penalty
            row.penalty = submission.late_submission_penalty
            for path in notebooks:
                for kind, details in (
                    nbformat.read(path, as_version=4)
                    .metadata.get(FLAGS_KEY, {})
                    .items()
                ):
                    row.flags.setdefault(kind, []).extend(details)
            if submission.total_seconds_late > 0:
                hours = submission.total_seconds_late / 3600
                row.flags["late"] = [f"{hours:.1f} h, -{row.penalty:g} points"]
            rows.append(row)
    return rows


def format_summary(assignment: str, rows: list[Row]) -> str:
    width = max([len("learner"), *(len(r.learner) for r in rows)])
    lines = [f"{'learner':<{width}}  {'score':>13}  flags"]
    for row in rows:
        score = "-" if row.score is None else f"{row.score:g}"
        kinds = [k for k in FLAG_ORDER if k in row.flags]
        flags = "; ".join(f"{k} ({', '.join(row.flags[k])})" for k in kinds)
        lines.append(
            f"{row.learner:<{width}}  {score:>6} / {row.max_score:<4g}  {flags or 'ok'}"
        )
    counts = {k: sum(k in r.flags for r in rows) for k in FLAG_ORDER}
    flagged = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
    lines.append(
        f"{assignment}: {len(rows)} learners, {flagged or 'no flags'}. "
        "What each flag means: docs/instructors.md"
    )
    return "\n".join(lines)


NOISE = ("Kernel is running over TCP", "Removing existing", "display_data_priority")


def warnings_by_learner(log: str, root: Path) -> list[str]:
    """nbgrader's warnings and errors, each prefixed with the learner concerned."""
    lines, learner = [], "?"
    for line in log.splitlines():
        if "INFO] Sanitizing " in line:
            learner = Path(line.split("Sanitizing ", 1)[1]).parent.parent.name
        elif ("| WARNING]" in line or "| ERROR]" in line) and not any(
            n in line for n in NOISE
        ):
            lines.append(f"  {learner}: {line.split('] ', 1)[-1]}")
    return lines


def grade_class(
    assignment: str,
    root: Path | None = None,
    jobs: int | None = None,
    force: bool = False,
    only: list[str] | None = None,
    out=sys.stdout,
) -> list[Row]:
    """Autograde, generate feedback, export grades.csv; return the summary rows."""
    root = (root or paths.course_root()).resolve()
    jobs = jobs or default_jobs()
    if not (root / "solutions" / assignment).is_dir():
        known = ", ".join(exercises.assignments(root))
        raise SystemExit(f"No assignment {assignment!r} in solutions/. Known: {known}")
    everyone = learners(root, assignment)
    names = [n for n in everyone if only is None or n in only]
    if not names:
        raise SystemExit(
            f"No submissions in submitted/*/{assignment}/: run "
            f"`nbgrader collect {assignment}` first (docs/instructors.md)."
        )
    ensure_in_gradebook(root, assignment)
    use_write_ahead_log(root)
    set_due_date(root, assignment)
    jobs = min(jobs, len(names))
    print(
        f"Grading {len(names)} submissions of {assignment} in {jobs} process(es)...",
        file=out,
        flush=True,
    )
    start = time.perf_counter()
    work = [(assignment, name, force) for name in names]
    results = in_workers(root, jobs, _autograde, work)
    # A learner left without a grade (e.g. the gradebook was busy) is retried.
    again = [n for n in names if not list(graded_notebooks(root, assignment, n))]
    if again:
        print(f"Retrying {', '.join(again)}...", file=out)
        retry = [(assignment, name, True) for name in again]
        results += in_workers(root, jobs, _autograde, retry)
    graded_in = time.perf_counter() - start
    shares = [names[i::jobs] for i in range(jobs)]
    everyone = learners(root, assignment)
    feedback = [(assignment, s, sorted(set(everyone) - set(s))) for s in shares]
    results += in_workers(root, jobs, _feedback, feedback)
    export = run_nbgrader(root, "export")
    elapsed = time.perf_counter() - start

    with open(root / ".nbgrader.log", "a") as log:
        for learner, _, text in results:
            log.write(f"--- {assignment} {learner}\n{text}\n")
            for line in text.splitlines():
                if line.startswith(("[WARNING]", "[ERROR]")) and not any(
                    n in line for n in NOISE
                ):
                    print(f"  {learner}: {line.split('] ', 1)[-1]}", file=out)
    rows = summarise(root, assignment, names)
    for row in rows:
        if not list((root / "feedback" / row.learner / assignment).glob("*.html")):
            row.flags.setdefault("not graded", []).append("no feedback")
    print(format_summary(assignment, rows), file=out)
    print(
        f"Autograded in {graded_in:.1f} s ({graded_in / len(names):.2f} s per "
        f"submission), with feedback and export {elapsed:.1f} s; "
        f"grades.csv {'written' if export.returncode == 0 else 'NOT written'}.",
        file=out,
    )
    if export.returncode != 0:
        print(export.stderr[-2000:], file=out)
    return rows


def graded_notebooks(root: Path, assignment: str, learner: str):
    return (root / "autograded" / learner / assignment).glob("*.ipynb")


# ---------------------------------------------------------------------------
# A learner checks their own exercise
# ---------------------------------------------------------------------------


@dataclass
class Part:
    name: str
    points: float
    max_points: float
    messages: list[str]


def check(assignment: str, notebook: Path | None = None, root: Path | None = None):
    """Grade one notebook against the solutions, in a temporary course folder.

    The learner's file is only read. Returns the parts and the flags.
    """
    root = (root or paths.course_root()).resolve()
    if not (root / "solutions" / assignment).is_dir():
        known = ", ".join(exercises.assignments(root))
        raise SystemExit(f"No exercise {assignment!r}. Known: {known}")
    notebook = notebook or root / "exercises" / assignment / f"{assignment}.ipynb"
    if not notebook.is_file():
        raise SystemExit(f"{notebook} not found: open the exercise in Lab first.")
    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp) / "course"
        course.mkdir()
        shutil.copy2(root / "nbgrader_config.py", course)
        shutil.copytree(
            root / "solutions" / assignment, course / "solutions" / assignment
        )
        folder = course / "submitted" / "me" / assignment
        folder.mkdir(parents=True)
        shutil.copy(notebook, folder / f"{assignment}.ipynb")
        # Never the instructor's settings (due dates, exchange) on a learner's check.
        env = {"COURSE_SETTINGS": str(course / "no-settings.toml")}
        for args in (("generate_assignment", assignment), ("autograde", assignment)):
            result = run_nbgrader(course, *args, env=env)
            if result.returncode != 0:
                tail = "\n".join(warnings_by_learner(result.stderr, course)[-10:])
                raise SystemExit(f"Could not grade {notebook}:\n{tail}")
        graded = nbformat.read(
            course / "autograded" / "me" / assignment / f"{assignment}.ipynb", 4
        )
    parts = []
    for cell in graded.cells:
        if utils.is_solution(cell):
            errors = [
                learner_message(o)
                for o in cell.get("outputs", [])
                if o.output_type == "error"
            ]
            if errors:
                name = f"your cell {cell.metadata.nbgrader['grade_id']}"
                parts.append(Part(name, 0, 0, errors))
        if utils.is_grade(cell) and not utils.is_solution(cell):
            points, max_points = utils.determine_grade(cell)
            messages = [
                learner_message(o)
                for o in cell.get("outputs", [])
                if o.output_type == "error"
            ]
            parts.append(
                Part(
                    cell.metadata.nbgrader["grade_id"],
                    points or 0,
                    max_points,
                    messages,
                )
            )
    return parts, graded.metadata.get(FLAGS_KEY, {})


def format_check(assignment: str, parts: list[Part], flags: dict) -> str:
    lines = [f"{assignment}: hidden tests included; their code is not shown."]
    for part in parts:
        if not part.max_points:  # an answer cell that raised an error
            lines.append(f"  {part.name} raised {'; '.join(part.messages)}")
            continue
        verdict = "pass" if part.points == part.max_points else "FAIL"
        lines.append(
            f"  {part.name:<24} {part.points:g} / {part.max_points:g}  {verdict}"
        )
        lines += [f"      {m}" for m in part.messages]
    for kind, details in flags.items():
        lines.append(f"  note: {kind} ({', '.join(details)})")
    total = sum(p.points for p in parts)
    lines.append(f"Total: {total:g} / {sum(p.max_points for p in parts):g}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="action", required=True)
    one = sub.add_parser("class", help="grade every submission of an assignment")
    one.add_argument("assignment")
    one.add_argument(
        "--jobs", type=int, default=None, help="processes (default: cores)"
    )
    one.add_argument("--force", action="store_true", help="regrade graded submissions")
    one.add_argument(
        "--student", action="append", help="only this learner (repeatable)"
    )
    mine = sub.add_parser("check", help="grade your own copy of an exercise")
    mine.add_argument("assignment")
    mine.add_argument("--notebook", type=Path, help="default: exercises/<A>/<A>.ipynb")
    args = parser.parse_args(argv)
    try:
        if args.action == "check":
            parts, flags = check(args.assignment, args.notebook)
            print(format_check(args.assignment, parts, flags))
            return 0
        rows = grade_class(
            args.assignment, jobs=args.jobs, force=args.force, only=args.student
        )
    except SettingsError as error:
        print(f"Instructor settings: {error}", file=sys.stderr)
        return 2
    return 1 if any("not graded" in r.flags for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
