"""Generate the step snapshots in ``sample_projects/`` from the lessons.

Step N of a track = step N-1 + lesson N's listing cells (written in order), its
``%remove`` cells, and its command cells tagged ``replay`` (run in order). Step 0 is
an empty folder.

    python -m coursekit.snapshots generate   # rewrite sample_projects/<track>/
    python -m coursekit.snapshots check      # exit 1 if a snapshot has drifted
"""

from __future__ import annotations

import argparse
import difflib
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat

from . import paths
from .magics import parse_commands, parse_listing, parse_removals, run_command

REPLAY_TAG = "replay"


def replay_lesson(notebook: Path, folder: Path) -> None:
    """Apply one lesson's listings and replay commands to ``folder``."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        listing = parse_listing(cell.source)
        removals = parse_removals(cell.source)
        if listing:
            relative, body = listing
            target = folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body)
        elif removals:
            for relative in removals:
                (folder / relative).unlink(missing_ok=True)
        elif REPLAY_TAG in cell.metadata.get("tags", []):
            for argv in parse_commands(cell.source):
                run_command(argv, folder, echo=False)


def build_track(track: str, out: Path, root: Path | None = None) -> list[Path]:
    """Build every step of ``track`` into ``out``; return the step folders."""
    previous: Path | None = None
    steps = []
    for notebook in paths.lesson_notebooks(track, root):
        step = out / paths.step_name(notebook)
        if previous is None:
            step.mkdir(parents=True)
        else:
            shutil.copytree(previous, step)
        replay_lesson(notebook, step)
        _strip_runtime_files(step)
        steps.append(step)
        previous = step
    return steps


def _strip_runtime_files(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if not path.exists():
            continue
        if paths.is_source_file(path.relative_to(folder)):
            continue
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


def compare(expected: Path, actual: Path) -> list[str]:
    """Human-readable differences between a built step and a committed one."""
    problems = []
    built, committed = paths.source_files(expected), paths.source_files(actual)
    for name in sorted(built.keys() - committed.keys()):
        problems.append(f"{actual.name}/{name}: missing (the lesson writes it)")
    for name in sorted(committed.keys() - built.keys()):
        problems.append(f"{actual.name}/{name}: not written by any lesson")
    for name in sorted(built.keys() & committed.keys()):
        new, old = built[name].read_text(), committed[name].read_text()
        if new != old:
            diff = difflib.unified_diff(
                old.splitlines(),
                new.splitlines(),
                "committed",
                "from lessons",
                lineterm="",
            )
            problems.append(
                f"{actual.name}/{name} differs:\n" + "\n".join(list(diff)[:40])
            )
    return problems


def check(root: Path | None = None) -> list[str]:
    root = root or paths.course_root()
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for track in paths.TRACKS:
            steps = build_track(track, Path(tmp) / track, root)
            names = {step.name for step in steps}
            for step in steps:
                problems += compare(step, root / "sample_projects" / track / step.name)
            for folder in paths.snapshot_dirs(track, root):
                if folder.name not in names:
                    problems.append(f"{track}/{folder.name}: no lesson makes this step")
    return problems


def generate(root: Path | None = None) -> None:
    root = root or paths.course_root()
    with tempfile.TemporaryDirectory() as tmp:
        for track in paths.TRACKS:
            steps = build_track(track, Path(tmp) / track, root)
            for folder in paths.snapshot_dirs(track, root):
                shutil.rmtree(folder)
            for step in steps:
                target = root / "sample_projects" / track / step.name
                shutil.copytree(step, target)
                print(f"wrote sample_projects/{track}/{step.name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate or check step snapshots.")
    parser.add_argument("action", choices=["generate", "check"])
    args = parser.parse_args(argv)
    if args.action == "generate":
        generate()
        return 0
    problems = check()
    for problem in problems:
        print(problem)
    if problems:
        print("Snapshots differ from the lessons: run `make snapshots` and commit.")
        return 1
    print("Snapshots match the lessons.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
