"""What git tracks: the course's checks judge the committed course.

A learner's clone fills up with their own work: lessons saved with outputs, answered
exercises, JupyterLab's ``.ipynb_checkpoints/`` and ``workspace/``. None of it is the
course, so the checks list files with ``git ls-files`` and, where what is committed
is the point (notebooks carry no outputs), read the version in git's index. Outside
a git checkout (a downloaded archive) they fall back to the files on disk, minus the
folders that are never the course's.
"""

from __future__ import annotations

import fnmatch
import subprocess
from pathlib import Path

NEVER_COURSE = {
    ".ipynb_checkpoints",
    "workspace",
    ".venv",
    "__pycache__",
    ".git",
    "node_modules",
    ".course-venv",
}


def _git(root: Path, *args: str) -> subprocess.CompletedProcess | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result if result.returncode == 0 else None


def is_git_checkout(root: Path) -> bool:
    result = _git(root, "rev-parse", "--show-toplevel")
    return result is not None and Path(result.stdout.decode().strip()) == root.resolve()


def tracked_files(root: Path, *patterns: str) -> list[Path]:
    """The files below ``root`` matching any glob of ``patterns`` (``**`` allowed),
    as git tracks them; on disk minus never-course folders outside a checkout."""
    root = Path(root)
    if is_git_checkout(root):
        listing = _git(root, "ls-files", "-z")
        names = [n for n in listing.stdout.decode().split("\0") if n] if listing else []
    else:
        names = [
            p.relative_to(root).as_posix()
            for p in root.rglob("*")
            if p.is_file() and not NEVER_COURSE.intersection(p.relative_to(root).parts)
        ]
    return sorted(
        root / name
        for name in names
        if any(matches(name, pattern) for pattern in patterns)
        and (root / name).is_file()
    )


def matches(name: str, pattern: str) -> bool:
    """Glob match of a posix path, segment by segment; ``**`` spans any folders."""

    def match(parts: list[str], globs: list[str]) -> bool:
        if not globs:
            return not parts
        if globs[0] == "**":
            return any(match(parts[i:], globs[1:]) for i in range(len(parts) + 1))
        return bool(parts) and (
            fnmatch.fnmatchcase(parts[0], globs[0]) and match(parts[1:], globs[1:])
        )

    return match(name.split("/"), pattern.split("/"))


def committed_text(root: Path, path: Path) -> str:
    """The text of ``path`` as staged in git (the working file outside a checkout)."""
    root = Path(root)
    if is_git_checkout(root):
        relative = Path(path).resolve().relative_to(root.resolve()).as_posix()
        shown = _git(root, "show", f":{relative}")
        if shown is not None:
            return shown.stdout.decode()
    return Path(path).read_text()


def export(root: Path, target: Path, *patterns: str) -> Path:
    """Write the committed version of the files matching ``patterns`` below
    ``target`` (same relative paths): the course as git has it, for checks that
    must not judge a learner's answers or outputs."""
    root, target = Path(root), Path(target)
    for path in tracked_files(root, *patterns):
        copy = target / path.relative_to(root)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(committed_text(root, path))
    return target
