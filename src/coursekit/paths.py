"""Where things live in the course repository."""

from __future__ import annotations

import os
from pathlib import Path

TRACKS = ("flask", "django")


def course_root() -> Path:
    """The repository root: the folder holding ``environment.yml``.

    ``COURSE_ROOT`` overrides it (the tests use a temporary copy of the course).
    """
    if env := os.environ.get("COURSE_ROOT"):
        return Path(env).resolve()
    here = Path(__file__).resolve()
    for parent in [Path.cwd(), *Path.cwd().parents, *here.parents]:
        if (parent / "environment.yml").is_file() and (parent / "notebooks").is_dir():
            return parent
    raise RuntimeError(
        "Could not find the course folder (the one with environment.yml). "
        "Open the notebooks from inside your clone of the course."
    )


def pinned_requirements(root: Path | None = None) -> list[str]:
    """The ``name==version`` pins of environment.yml's pip section (the Makefile
    reads the same lines with awk, before any Python environment exists)."""
    text = ((root or course_root()) / "environment.yml").read_text()
    return [
        line.strip()[2:].strip()
        for line in text.splitlines()
        if line.strip().startswith("- ") and "==" in line
    ]


def workspace_root() -> Path:
    """The git-ignored folder where learners' apps are built.

    ``COURSE_WORKSPACE`` overrides it (headless runs and tests use a temp folder).
    """
    if env := os.environ.get("COURSE_WORKSPACE"):
        return Path(env).resolve()
    return course_root() / "workspace"


def check_track(track: str) -> str:
    if track not in TRACKS:
        raise ValueError(f"track must be one of {TRACKS}, not {track!r}")
    return track


def lesson_notebooks(track: str, root: Path | None = None) -> list[Path]:
    """The track's lesson notebooks in order: ``notebooks/<track>/NN_topic.ipynb``."""
    root = root or course_root()
    folder = root / "notebooks" / check_track(track)
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))


def step_name(notebook: Path) -> str:
    """``01_routing.ipynb`` -> ``step01_routing``."""
    return "step" + notebook.stem


def snapshot_dirs(track: str, root: Path | None = None) -> list[Path]:
    root = root or course_root()
    folder = root / "sample_projects" / check_track(track)
    return sorted(p for p in folder.glob("step[0-9][0-9]_*") if p.is_dir())


def snapshot_for_step(track: str, number: int, root: Path | None = None) -> Path | None:
    """The snapshot folder of step ``number`` (None for step 0: an empty project)."""
    if number == 0:
        return None
    for path in snapshot_dirs(track, root):
        if path.name.startswith(f"step{number:02d}_"):
            return path
    raise FileNotFoundError(
        f"No snapshot for {track} step {number:02d} in sample_projects/{track}/. "
        "Run `make snapshots` to regenerate them from the lessons."
    )


# Files that belong to a running app, not to its source: never copied, compared
# or backed up as learner work.
IGNORED_PARTS = {"__pycache__", "instance", "staticfiles", ".pytest_cache"}
IGNORED_SUFFIXES = {".pyc", ".sqlite3", ".db"}


def is_source_file(relative: Path) -> bool:
    return not (
        IGNORED_PARTS.intersection(relative.parts)
        or relative.suffix in IGNORED_SUFFIXES
        or relative.name.startswith(".")
    )


def source_files(folder: Path) -> dict[str, Path]:
    """Relative posix path -> absolute path of every source file below ``folder``."""
    if not folder or not folder.is_dir():
        return {}
    files = {}
    for path in folder.rglob("*"):
        if path.is_file():
            relative = path.relative_to(folder)
            if is_source_file(relative):
                files[relative.as_posix()] = path
    return dict(sorted(files.items()))
