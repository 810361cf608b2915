"""Build the learner edition of the course: the repository without the answers.

python -m coursekit.edition build ../bookmarks-course-learner [--force] [--repo o/n]
python -m coursekit.edition scan FOLDER   # exit 1 if an answer or hidden test is there

This repository is the instructors' (and self-paced learners') edition: it ships
``solutions/``, the nbgrader source with every answer and hidden test. A graded class
works from the learner edition instead: the same lessons, exercises, snapshots and
helper, without ``solutions/``, the hidden tests, a gradebook or the instructor-only
tooling, with its own README wording, start-notebook line and Binder badge.

The README marks what differs between the editions:

- a line holding ``<!-- full edition only -->`` is left out of the learner edition;
- so is everything between ``<!-- full edition only: begin -->`` and
  ``<!-- full edition only: end -->``;
- ``<!-- learner edition only:`` ... ``-->`` is a comment in the full edition and
  plain text in the learner edition.
"""

from __future__ import annotations

import argparse
import filecmp
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import nbformat

from . import paths

# The published repositories, used by the README's Binder badge. Change them here
# (or pass --repo) when the course is published elsewhere.
FULL_REPOSITORY = "flask-django-course/bookmarks-course"
LEARNER_REPOSITORY = FULL_REPOSITORY + "-learner"

# Instructor material: the answers, the hidden tests and the tools that need them.
LEFT_OUT = (
    "solutions/",
    "deploy/",  # the class's JupyterHub is the instructor's business
    "docs/authoring.md",
    "src/coursekit/bench.py",  # times the autograding of the solutions
    "src/coursekit/edition.py",
    "src/coursekit/grade.py",  # grades against solutions/ (make grade, make check)
    "src/coursekit/fakeclass.py",  # submissions derived from the solutions
    "docs/instructors.md",
    "instructor_settings.example.toml",
    "tests/test_grading_check.py",
    "tests/test_grading_class.py",
    "tests/test_grading_cycle.py",
    "tests/test_grading_settings.py",
    "tests/test_hints.py",  # compares the release's hints with the solutions'
    "tests/test_exercises.py",  # regenerates exercises/ from solutions/
    "tests/test_exercise_overlap.py",  # compares the solutions with the lessons
    "tests/test_edition.py",
    "tests/test_hub.py",
    # nbgrader's state, should an instructor have committed any
    "gradebook.db",
    "submitted/",
    "autograded/",
    "feedback/",
    "release/",
    "source/",
)
# Makefile targets that need solutions/ (or are for instructors only).
INSTRUCTOR_TARGETS = ("exercises", "bench", "edition", "hub-test", "grade", "check")
START_NOTEBOOK = "notebooks/00_start_here.ipynb"
# The start notebook's one paragraph that mentions solutions/ becomes this.
LEARNER_SOLUTIONS_PARAGRAPH = (
    "Your instructor grades the notebooks with *nbgrader*, and the hidden tests run\n"
    "only then. This learner edition of the course holds no answers and no hidden\n"
    "tests: Validate tells you whether the visible tests pass, and your instructor's\n"
    "feedback tells you the rest."
)
BADGE_LINE = re.compile(r"^\[binder\]: https://mybinder\.org/v2/gh/([^/\s]+/[^/\s]+)/")

LINE_MARK = "<!-- full edition only -->"
BLOCK_BEGIN = "<!-- full edition only: begin -->"
BLOCK_END = "<!-- full edition only: end -->"
LEARNER_BEGIN = "<!-- learner edition only:"
LEARNER_END = "-->"


class EditionError(RuntimeError):
    """A friendly reason why the edition cannot be built."""


def is_left_out(relative: str) -> bool:
    return any(
        relative == item or (item.endswith("/") and relative.startswith(item))
        for item in LEFT_OUT
    )


def course_files(root: Path) -> list[str]:
    """The files a clone of the course holds: tracked or new, never git-ignored."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=root,
            capture_output=True,
            check=True,
        ).stdout.decode()
        names = [name for name in listed.split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        # Not a git clone (e.g. a downloaded zip): every source file but local state.
        skip = {".git", ".venv", "workspace", "node_modules"}
        names = [
            p.relative_to(root).as_posix()
            for p in root.rglob("*")
            if p.is_file()
            and not skip.intersection(p.relative_to(root).parts)
            and (
                paths.is_source_file(p.relative_to(root))
                or p.name in {".gitignore", ".gitattributes"}
            )
        ]
    return sorted(n for n in set(names) if (root / n).is_file())


# --- the files that differ between the editions ---------------------------------


def learner_readme(text: str, repository: str = LEARNER_REPOSITORY) -> str:
    out, dropping, revealing = [], False, False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped == BLOCK_BEGIN:
            dropping = True
        elif stripped == BLOCK_END:
            dropping = False
        elif dropping or LINE_MARK in line:
            continue
        elif stripped.startswith(LEARNER_BEGIN):
            revealing = True
            rest = stripped[len(LEARNER_BEGIN) :].strip()
            if rest:
                out.append(rest)
        elif revealing and stripped == LEARNER_END:
            revealing = False
        elif match := BADGE_LINE.match(line):
            out.append(line.replace(match.group(1), repository, 1))
        else:
            out.append(line)
    if dropping or revealing:
        raise EditionError("README.md: an edition marker is not closed")
    return "\n".join(out) + "\n"


def learner_makefile(text: str) -> str:
    """The Makefile without the instructor-only targets: their rules, the comments
    and variables just above them, their help lines and .PHONY entries."""
    out, above, in_rule = [], [], False
    target = re.compile(r"^([A-Za-z0-9_.-]+)\s*:(?!=)")
    names = "|".join(map(re.escape, INSTRUCTOR_TARGETS))
    mentions = re.compile(rf"make ({names})\b")
    for line in text.splitlines():
        if match := target.match(line):
            in_rule = match.group(1) in INSTRUCTOR_TARGETS
            if match.group(1) == ".PHONY":
                kept = [n for n in line.split()[1:] if n not in INSTRUCTOR_TARGETS]
                line = " ".join([".PHONY:", *kept])
            if not in_rule:
                out += above
            above = []
            if in_rule:
                continue
        elif in_rule and (line.startswith("\t") or not line.strip()):
            continue
        elif line.strip() and not line.startswith("\t"):
            in_rule = False
            above.append(line)  # a comment or variable: kept with its rule
            continue
        else:
            in_rule = False
            out += above
            above = []
        if not mentions.search(line):
            out.append(line)
    out += above
    return "\n".join(out).rstrip("\n") + "\n"


def learner_start_notebook(source: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(source, as_version=4)
    hits = 0
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        paragraphs = cell.source.split("\n\n")
        for index, paragraph in enumerate(paragraphs):
            if "solutions/" in paragraph:
                paragraphs[index] = LEARNER_SOLUTIONS_PARAGRAPH
                hits += 1
        cell.source = "\n\n".join(paragraphs)
    if hits != 1:
        raise EditionError(
            f"{START_NOTEBOOK}: expected one paragraph about solutions/, found {hits}"
        )
    return nb


# --- the answers that must not leak ---------------------------------------------


@dataclass
class Secret:
    """One answer or hidden test of a solution notebook, as stripped lines."""

    label: str
    kind: str  # "answer" or "hidden test"
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _normal_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _between(lines: list[str], begin: str, end: str) -> list[list[str]]:
    blocks, current = [], None
    for line in lines:
        if line == begin:
            current = []
        elif line == end and current is not None:
            blocks.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return [b for b in blocks if b]


def secrets(root: Path) -> list[Secret]:
    """Every answer and hidden test in ``root/solutions``."""
    found = []
    for notebook in sorted((root / "solutions").glob("*/*.ipynb")):
        nb = nbformat.read(notebook, as_version=4)
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            lines = _normal_lines(cell.source)
            label = f"{notebook.stem}:{meta.get('grade_id', '?')}"
            answers = _between(lines, "### BEGIN SOLUTION", "### END SOLUTION")
            if meta.get("solution") and cell.cell_type == "markdown" and not answers:
                answers = [lines]  # a written answer: the whole cell is the answer
            hidden = _between(lines, "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")
            found += [Secret(label, "answer", block) for block in answers if block]
            found += [Secret(label, "hidden test", block) for block in hidden]
    return found


def _searchable(path: Path) -> str:
    text = path.read_bytes().decode("utf-8", errors="ignore")
    if path.suffix == ".ipynb":
        try:
            nb = nbformat.reads(text, as_version=4)
            text += "\n" + "\n".join(cell.source for cell in nb.cells)
        except Exception:  # noqa: BLE001 - not a notebook after all: scan the raw text
            pass
    return "\n".join(_normal_lines(text))


def taught_in_lessons(root: Path, known: list[Secret]) -> list[Secret]:
    """The answers a lesson shows word for word: course material, not secrets.

    (The app snapshots are generated from the lessons, so they hold them too.)
    """
    lessons = [_searchable(p) for p in sorted((root / "notebooks").rglob("*.ipynb"))]
    return [s for s in known if any(s.text in lesson for lesson in lessons)]


def find_leaks(folder: Path, known: list[Secret]) -> list[str]:
    """``file: label`` for every file below ``folder`` holding an answer or hidden
    test (each as a whole, ignoring indentation and blank lines)."""
    leaks = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if ".git" in path.relative_to(folder).parts:
            continue
        text = _searchable(path)
        lines = set(text.splitlines())
        labels = sorted(
            {
                f"{s.kind} {s.label}"
                for s in known
                if s.lines[0] in lines and s.text in text
            }
        )
        leaks += [f"{path.relative_to(folder)}: {label}" for label in labels]
    return leaks


def secrets_to_check(root: Path) -> list[Secret]:
    known = secrets(root)
    taught = taught_in_lessons(root, known)
    return [s for s in known if s not in taught]


# --- building -------------------------------------------------------------------


@dataclass
class Report:
    written: int = 0
    backed_up: list[str] = field(default_factory=list)
    backup: Path | None = None
    others: list[str] = field(default_factory=list)


def _contents(root: Path, relative: str, repository: str) -> bytes | None:
    """The learner edition's version of a file that differs, else None (copy it)."""
    source = root / relative
    if relative == "README.md":
        return learner_readme(source.read_text(), repository).encode()
    if relative == "Makefile":
        return learner_makefile(source.read_text()).encode()
    if relative == START_NOTEBOOK:
        return (nbformat.writes(learner_start_notebook(source)) + "\n").encode()
    return None


def build(
    out: Path,
    *,
    root: Path | None = None,
    force: bool = False,
    repository: str = LEARNER_REPOSITORY,
) -> Report:
    """Write the learner edition into ``out``; check that no answer is in it."""
    root = (root or paths.course_root()).resolve()
    out = out.resolve()
    if out == root or root in out.parents:
        raise EditionError(f"{out} is inside the course: pick a folder outside it")
    if out.exists() and not out.is_dir():
        raise EditionError(f"{out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise EditionError(
            f"{out} is not empty. Pass --force to update the edition there (files "
            "the edition does not hold are left alone; changed ones are backed up)."
        )
    report = Report()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = out.with_name(f"{out.name}.backup-{stamp}")
    files = [name for name in course_files(root) if not is_left_out(name)]
    for relative in files:
        target = out / relative
        new = _contents(root, relative, repository)
        if target.is_file():
            same = (
                target.read_bytes() == new
                if new is not None
                else filecmp.cmp(root / relative, target, shallow=False)
            )
            if same:
                continue
            saved = backup / relative
            saved.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(target, saved)
            report.backed_up.append(relative)
            report.backup = backup
        target.parent.mkdir(parents=True, exist_ok=True)
        if new is None:
            shutil.copy2(root / relative, target)
        else:
            target.write_bytes(new)
        report.written += 1
    kept = set(files)
    report.others = sorted(
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.is_file()
        and ".git" not in p.relative_to(out).parts
        and p.relative_to(out).as_posix() not in kept
    )
    leaks = find_leaks(out, secrets_to_check(root))
    if leaks:
        raise EditionError(
            "The edition holds answers or hidden tests; it must not be published:\n  "
            + "\n  ".join(leaks)
        )
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="action", required=True)
    make = sub.add_parser("build", help="write the learner edition into a folder")
    make.add_argument("out", type=Path, help="e.g. ../bookmarks-course-learner")
    make.add_argument("--force", action="store_true", help="update a non-empty folder")
    make.add_argument(
        "--repo",
        default=LEARNER_REPOSITORY,
        help=f"owner/name of the learner edition on GitHub (for its Binder badge; "
        f"default {LEARNER_REPOSITORY})",
    )
    scan = sub.add_parser("scan", help="look for answers and hidden tests in a folder")
    scan.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.action == "scan":
            leaks = find_leaks(args.folder, secrets_to_check(paths.course_root()))
            print("\n".join(leaks) or "No answer or hidden test found.")
            return 1 if leaks else 0
        report = build(args.out, force=args.force, repository=args.repo)
    except EditionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote the learner edition to {args.out} ({report.written} files changed).")
    if report.backed_up:
        print(f"Your changed versions of {len(report.backed_up)} files are in")
        print(f"  {report.backup}")
    if report.others:
        print(f"Left alone {len(report.others)} files that are not part of it, e.g.")
        print("  " + "\n  ".join(report.others[:5]))
    print("Checked: no answer or hidden test is in it. To publish it:")
    print(
        f"  cd {args.out} && git init && git add . && git commit -m 'Learner edition'"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
