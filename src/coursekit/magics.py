"""The course's cell magics, and the parsing that snapshot replay shares with them.

- ``%%listing path``: write the cell's body to ``path`` in the workspace (the first
  line names the file, like a captioned listing in Django's tutorial).
  ``%listing path`` (one ``%``) writes an empty file, such as a package's
  ``__init__.py``.
- ``%flask args``: run ``flask --app bookmarks args`` in the Flask workspace.
- ``%manage args``: run ``python manage.py args`` in the Django workspace.
- ``%remove path``: delete a file the app no longer needs (replayed like a listing).

Every cell can be re-run: a listing that rewrites a file shows what changed against
the file's previous version (nothing for a new or unchanged file), and a command
whose work is already done (``flask db init`` once ``migrations/`` exists,
``createsuperuser`` for a user that exists) says so instead of failing.
"""

from __future__ import annotations

import difflib
import html
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


DIFF_LINES_OPEN = 30  # a longer diff is shown collapsed
DIFF_LINES_MAX = 200  # and trimmed after this many lines

# (words of the command, what its output says when the work is done already, what
# the learner is told instead of an error)
ALREADY_DONE = [
    (
        ("db", "init"),
        "already exists and is not empty",
        "migrations/ exists already: `flask db init` ran before (once per project "
        "is enough), so there is nothing to do.",
    ),
    (
        ("createsuperuser",),
        "is already taken",
        "That user exists already (this cell ran before), so there is nothing to do.",
    ),
]
# What Alembic prints after `db init`, and what it means in this course.
EXPLAINED = {
    "before proceeding": "(Alembic says this to every new project. Flask-Migrate gives "
    "it the database URL from your app's config, so alembic.ini needs no edit.)",
}


class CommandFailed(RuntimeError):
    """A workspace command exited with an error; its output says why."""

    output = ""


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
        error = CommandFailed(
            f"`{' '.join(argv[1:])}` failed (exit {result.returncode}) in {cwd}"
            + ("" if echo else f":\n{output}")
        )
        error.output = output
        raise error
    return output


def run_course_command(argv: list[str], cwd: Path) -> None:
    """Run a ``%flask``/``%manage`` line for a learner: readable, re-runnable."""
    try:
        output = run_command(argv, cwd, echo=False)
    except CommandFailed as error:
        output = error.output
        for words, sign, note in ALREADY_DONE:
            if _has_words(argv, words) and sign in output:
                print(note)
                return
        if output:
            print(_tidy(output, cwd))
        raise
    if output:
        print(_tidy(output, cwd))
    for sign, note in EXPLAINED.items():
        if sign in output:
            print(note)


def _has_words(argv: list[str], words: tuple[str, ...]) -> bool:
    return any(tuple(argv[i : i + len(words)]) == words for i in range(len(argv)))


def _tidy(output: str, cwd: Path) -> str:
    """Workspace paths relative to the workspace: shorter lines, same meaning."""
    return output.replace(f"{cwd}/", "").replace(str(cwd), ".")


def listing_diff(old: str, new: str, relative: str) -> list[str]:
    """The unified diff of a rewritten file (empty when nothing changed)."""
    return list(
        difflib.unified_diff(
            old.splitlines(),
            new.splitlines(),
            f"{relative} (before)",
            f"{relative} (now)",
            n=2,
            lineterm="",
        )
    )


def show_diff(diff: list[str]) -> None:
    """Show a listing's changes under its cell: open when short, else collapsed."""
    changed = sum(1 for line in diff[2:] if line.startswith(("+", "-")))
    shown = diff[:DIFF_LINES_MAX]
    if len(diff) > DIFF_LINES_MAX:
        shown.append(f"... ({len(diff) - DIFF_LINES_MAX} more lines)")
    summary = f"Changed lines against the previous version: {changed}"
    text = summary + "\n" + "\n".join(shown)
    colours = {"+": "color: #1a7f37", "-": "color: #cf222e", "@": "color: #8250df"}
    body = "\n".join(
        f'<span style="{colours.get(line[:1], "")}">{html.escape(line)}</span>'
        for line in shown
    )
    opened = " open" if len(diff) <= DIFF_LINES_OPEN else ""
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:
        print(text)
        return
    shell = get_ipython()
    if shell is None or not getattr(shell, "kernel", None):
        print(text)
        return
    display(
        {
            "text/plain": text,
            "text/html": f"<details{opened}><summary>{html.escape(summary)}</summary>"
            f"<pre>{body}</pre></details>",
        },
        raw=True,
    )


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

    from IPython.core.error import UsageError

    def listing(line: str, cell: str | None = None) -> None:
        relative, body = parse_listing(f"{LISTING} {line.strip()}\n{cell or ''}")
        target = workspace.path / relative
        old = target.read_text() if target.is_file() else None
        write_listing(workspace.path, relative, body, workspace.track)
        lines = body.count("\n")
        print(f"Wrote {workspace.track} workspace file {relative} ({lines} lines)")
        if old is not None and old != body:
            show_diff(listing_diff(old, body, relative))

    def command(name: str):
        def run(line: str) -> None:
            for argv in parse_commands(f"%{name} {line}"):
                try:
                    run_course_command(argv, workspace.path)
                except CommandFailed:
                    # IPython shows a UsageError as one line, not a traceback into
                    # this module: the command's own output above says what failed.
                    raise UsageError(
                        f"`%{name} {line.strip()}` failed: its output above says why."
                    ) from None

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
