"""The course's cell magics, and the parsing that snapshot replay shares with them.

- ``%%listing path``: write the cell's body to ``path`` in the workspace (the first
  line names the file, like a captioned listing in Django's tutorial).
  ``%listing path`` (one ``%``) writes an empty file, such as a package's
  ``__init__.py``.
- ``%flask args``: run ``flask --app bookmarks args`` in the Flask workspace.
- ``%manage args``: run ``python manage.py args`` in the Django workspace.
- ``%remove path``: delete a file the app no longer needs (replayed like a listing).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

LISTING = "%%listing"
COMMANDS = {
    "flask": [sys.executable, "-m", "flask", "--app", "bookmarks"],
    "manage": [sys.executable, "manage.py"],
}


class CommandFailed(RuntimeError):
    """A workspace command exited with an error; its output says why."""


def parse_listing(source: str) -> tuple[str, str] | None:
    """``(path, body)`` for a listing cell's source, else None."""
    first, _, body = source.partition("\n")
    words = first.split()
    if words and words[0] == LISTING[1:] and not body.strip():
        words, body = [LISTING, *words[1:]], ""  # %listing path: an empty file
    if not words or words[0] != LISTING:
        return None
    if len(words) != 2:
        raise ValueError(f"A listing names exactly one file: {first!r}")
    relative = words[1]
    if Path(relative).is_absolute() or ".." in Path(relative).parts:
        raise ValueError(f"A listing's path stays inside the workspace: {relative!r}")
    return relative, body if body.endswith("\n") or not body else body + "\n"


def parse_removals(source: str) -> list[str] | None:
    """The paths of a cell made only of ``%remove path`` lines, else None."""
    lines = [line.strip() for line in source.splitlines() if line.strip()]
    if not lines or not all(line.startswith("%remove ") for line in lines):
        return None
    removals = []
    for line in lines:
        relative = line.split(maxsplit=1)[1]
        if Path(relative).is_absolute() or ".." in Path(relative).parts:
            raise ValueError(f"%remove stays inside the workspace: {relative!r}")
        removals.append(relative)
    return removals


def save_learner_version(folder: Path, relative: str, track: str) -> None:
    """Back up ``relative`` if its content is the learner's own (in no snapshot)."""
    from .catchup import back_up, learner_files

    if relative in learner_files(folder, track):
        backup = back_up(folder, [relative], track)
        print(f"Your version of {relative} was saved in {backup}")


def remove_file(folder: Path, relative: str, track: str) -> None:
    """Delete one workspace file; back it up first if it is the learner's own."""
    target = folder / relative
    if target.is_file():
        save_learner_version(folder, relative, track)
        target.unlink()


def parse_commands(source: str) -> list[list[str]]:
    """The argv of each ``%flask`` / ``%manage`` line of a command cell."""
    argvs = []
    for line in source.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, rest = line.lstrip("%").partition(" ")
        if not line.startswith("%") or name not in COMMANDS:
            raise ValueError(f"Not a course command line: {line!r}")
        argvs.append([*COMMANDS[name], *shlex.split(rest)])
    return argvs


def run_command(argv: list[str], cwd: Path, *, echo: bool = True) -> str:
    """Run a workspace command with the course environment's programs on PATH."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join(
        [str(Path(sys.executable).parent), env.get("PATH", "")]
    )
    # The kernel's own settings are not the command's: Django's async guard is
    # relaxed only inside the notebook (see djangokit), never for manage.py.
    for name in ("FLASK_APP", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    result = subprocess.run(
        argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    output = (result.stdout + result.stderr).strip()
    if echo and output:
        print(output)
    if result.returncode != 0:
        raise CommandFailed(
            f"`{' '.join(argv[1:])}` failed (exit {result.returncode}) in {cwd}"
            + ("" if echo else f":\n{output}")
        )
    return output


def write_listing(folder: Path, relative: str, body: str, track: str) -> Path:
    """Write one file; back up the learner's own version first if it differs."""
    target = folder / relative
    if target.is_file() and target.read_text() != body:
        save_learner_version(folder, relative, track)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body)
    return target


def register(workspace) -> None:
    """Register the magics for ``workspace`` in the running IPython, if any."""
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: the magics are not needed
        return
    shell = get_ipython()
    if shell is None:
        return

    def listing(line: str, cell: str | None = None) -> None:
        relative, body = parse_listing(f"{LISTING} {line.strip()}\n{cell or ''}")
        write_listing(workspace.path, relative, body, workspace.track)
        lines = body.count("\n")
        print(f"Wrote {workspace.track} workspace file {relative} ({lines} lines)")

    def command(name: str):
        def run(line: str) -> None:
            for argv in parse_commands(f"%{name} {line}"):
                run_command(argv, workspace.path)

        return run

    def remove(line: str) -> None:
        for relative in parse_removals(f"%remove {line}"):
            remove_file(workspace.path, relative, workspace.track)
            print(f"Removed {workspace.track} workspace file {relative}")

    shell.register_magic_function(listing, magic_kind="line_cell", magic_name="listing")
    shell.register_magic_function(remove, magic_kind="line", magic_name="remove")
    shell.register_magic_function(
        command("flask"), magic_kind="line", magic_name="flask"
    )
    shell.register_magic_function(
        command("manage"), magic_kind="line", magic_name="manage"
    )
