"""Catch-up: prepare a lesson's workspace so it runs from a fresh kernel.

Lesson N of a track starts from the app as lesson N-1 left it, which is the
committed snapshot ``sample_projects/<track>/step{N-1}_*``. ``catch_up`` makes
``workspace/<track>/`` equal to that snapshot. A file counts as the learner's own
work when its content matches no snapshot of the track; such files are copied to
``workspace/.backups/`` before anything is replaced, and the learner is told where.
"""

from __future__ import annotations

import hashlib
import importlib
import shutil
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import paths


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def known_versions(track: str) -> set[tuple[str, str]]:
    """(relative path, sha256) of every file in every snapshot of ``track``."""
    known = set()
    for folder in paths.snapshot_dirs(track):
        for relative, path in paths.source_files(folder).items():
            known.add((relative, _digest(path)))
    return known


def learner_files(folder: Path, track: str) -> list[str]:
    """Files in ``folder`` whose content is not any snapshot's: the learner's work."""
    known = known_versions(track)
    return [
        relative
        for relative, path in paths.source_files(folder).items()
        if (relative, _digest(path)) not in known
    ]


def back_up(folder: Path, relatives: list[str], label: str) -> Path:
    """Copy ``relatives`` (paths inside ``folder``) to a new timestamped folder."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    backup = paths.workspace_root() / ".backups" / f"{label}-{stamp}"
    for relative in relatives:
        target = backup / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(folder / relative, target)
    return backup


def _display_path(path: Path) -> str:
    try:
        return str(path.relative_to(paths.course_root()))
    except (ValueError, RuntimeError):
        return str(path)


@dataclass
class Workspace:
    """The learner's working copy of one track's app."""

    track: str
    path: Path
    step: int

    def reload(self, module: str):
        """Import ``module`` afresh from the workspace, dropping any cached copy.

        Listing cells rewrite files; a plain ``import`` would keep the old code.
        """
        root = str(self.path)
        if root in sys.path:
            sys.path.remove(root)
        sys.path.insert(0, root)
        for name in list(sys.modules):
            if name == module or name.startswith(module + "."):
                del sys.modules[name]
        importlib.invalidate_caches()
        return importlib.import_module(module)

    def tree(self) -> None:
        """Print the workspace's source files."""
        print(f"{_display_path(self.path)}/")
        for relative in paths.source_files(self.path):
            print(f"  {relative}")


def catch_up(track: str, lesson: int, *, keep: bool = False) -> Workspace:
    """Prepare ``workspace/<track>/`` as it stands at the start of ``lesson``.

    With ``keep=True`` the workspace is left exactly as it is (to continue with
    your own version of the app); otherwise it is reset to the previous step's
    snapshot, after backing up any file you changed.
    """
    paths.check_track(track)
    folder = paths.workspace_root() / track
    folder.mkdir(parents=True, exist_ok=True)
    workspace = Workspace(track=track, path=folder, step=lesson - 1)

    from . import magics

    magics.register(workspace)

    if keep:
        print(f"Keeping your files in {_display_path(folder)} as they are.")
        return workspace

    snapshot = paths.snapshot_for_step(track, lesson - 1)
    wanted = paths.source_files(snapshot) if snapshot else {}
    present = paths.source_files(folder)
    same = wanted.keys() == present.keys() and all(
        _digest(wanted[name]) == _digest(present[name]) for name in wanted
    )
    start = snapshot.name if snapshot else "an empty project"
    if same:
        print(f"Workspace {_display_path(folder)} is ready: the app as of {start}.")
        return workspace

    yours = learner_files(folder, track)
    if yours:
        backup = back_up(folder, yours, track)
        print(
            f"You had changed {len(yours)} file(s); copies are in "
            f"{_display_path(backup)}:\n  " + "\n  ".join(yours)
        )
        print("(Use catch_up(..., keep=True) to continue with your own files instead.)")

    for name in present.keys() - wanted.keys():
        (folder / name).unlink()
    _remove_empty_dirs(folder)
    for name, source in wanted.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    print(f"Workspace {_display_path(folder)} now holds the app as of {start}.")
    return workspace


def _remove_empty_dirs(folder: Path) -> None:
    """Remove source folders left empty, counting Python's caches as empty.

    (A leftover ``migrations/__pycache__`` would make ``flask db init`` refuse.)
    """
    for directory in sorted(
        folder.rglob("*"), key=lambda p: len(p.parts), reverse=True
    ):
        relative = directory.relative_to(folder)
        if not directory.is_dir() or not paths.is_source_file(relative):
            continue
        entries = list(directory.iterdir())
        if all(entry.name == "__pycache__" for entry in entries):
            shutil.rmtree(directory)
