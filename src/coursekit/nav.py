"""The prev | index | next footer of every lesson, generated from the course's order.

python -m coursekit.nav write    # add or refresh each notebook's footer cell
python -m coursekit.nav check    # exit 1 if a footer is missing or stale
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import nbformat

from . import paths

TAG = "navigation"
START = "00_start_here.ipynb"


def course_order(root: Path) -> list[Path]:
    notebooks = root / "notebooks"
    order = [notebooks / START]
    for track in paths.TRACKS:
        order += paths.lesson_notebooks(track, root)
    order += sorted(notebooks.glob("99_*.ipynb"))
    return [p for p in order if p.is_file()]


def _title(notebook: Path) -> str:
    nb = nbformat.read(notebook, as_version=4)
    first = nb.cells[0].source.splitlines()[0] if nb.cells else notebook.stem
    return first.lstrip("# ").strip()


def footer(order: list[Path], index: int) -> str:
    here = order[index].parent

    def link(target: Path, arrow: str) -> str:
        return f"[{arrow}{_title(target)}]({os.path.relpath(target, here)})"

    parts = []
    if index > 0:
        parts.append(link(order[index - 1], "← "))
    parts.append(f"[Course map]({os.path.relpath(order[0], here)})")
    if index + 1 < len(order):
        parts.append(link(order[index + 1], "→ "))
    return "---\n" + " | ".join(parts)


def _footer_cell(nb):
    if nb.cells and TAG in nb.cells[-1].metadata.get("tags", []):
        return nb.cells[-1]
    return None


def run(write: bool, root: Path | None = None) -> list[str]:
    root = root or paths.course_root()
    order = course_order(root)
    stale = []
    for index, notebook in enumerate(order):
        nb = nbformat.read(notebook, as_version=4)
        text = footer(order, index)
        cell = _footer_cell(nb)
        if cell is not None and cell.source == text:
            continue
        stale.append(str(notebook.relative_to(root)))
        if write:
            if cell is None:
                cell = nbformat.v4.new_markdown_cell(metadata={"tags": [TAG]})
                nb.cells.append(cell)
            cell.source = text
            nbformat.write(nb, notebook)
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["write", "check"])
    args = parser.parse_args(argv)
    stale = run(write=args.action == "write")
    if args.action == "check" and stale:
        print("Stale navigation footers (run `python -m coursekit.nav write`):")
        print("\n".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
