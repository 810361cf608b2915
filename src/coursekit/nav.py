"""The generated end of every lesson: a "What you built" gallery of the step's
pictures (notebooks/figures/, from ``make screenshots``), then the prev | index | next
footer, from the course's order.

python -m coursekit.nav write    # add or refresh each notebook's gallery and footer
python -m coursekit.nav check    # exit 1 if one is missing or stale
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import nbformat

from . import paths, screenshots

TAG = "navigation"
GALLERY_TAG = "gallery"
START = "00_start_here.ipynb"
# The comparison part reads in a logical order: from nothing to a first page, the
# overview, the measurements (alphabetical), then which framework to choose.
COMPARE_FIRST = ["99_compare_setup.ipynb", "99_compare.ipynb"]
COMPARE_LAST = ["99_compare_choose.ipynb"]


def _compare_key(notebook: Path) -> tuple[int, int, str]:
    name = notebook.name
    if name in COMPARE_FIRST:
        return (0, COMPARE_FIRST.index(name), name)
    if name in COMPARE_LAST:
        return (2, COMPARE_LAST.index(name), name)
    return (1, 0, name)


def course_order(root: Path) -> list[Path]:
    notebooks = root / "notebooks"
    order = [notebooks / START]
    for track in paths.TRACKS:
        order += paths.lesson_notebooks(track, root)
    order += sorted(notebooks.glob("99_*.ipynb"), key=_compare_key)
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
    text = "---\n" + " | ".join(parts)
    if order[index].name.startswith("99_"):
        text += "\n\n" + _compare_contents(order, index)
    return text


def _compare_contents(order: list[Path], index: int) -> str:
    """Every notebook of the comparison part, in order; this one in bold."""
    entries = []
    for target in (p for p in order if p.name.startswith("99_")):
        name = _title(target).removeprefix("99 · ").removeprefix("Compare: ")
        if target == order[index]:
            entries.append(f"**{name}**")
        else:
            entries.append(f"[{name}]({os.path.relpath(target, order[index].parent)})")
    return "The comparison part: " + " · ".join(entries)


def gallery(notebook: Path, root: Path) -> str | None:
    """The "What you built" cell of a lesson: its step's pictures (None if none)."""
    track = notebook.parent.name
    if track not in paths.TRACKS or not notebook.stem[:2].isdigit():
        return None
    pictures = screenshots.pictures(track, screenshots.step_number(notebook.stem), root)
    if not pictures:
        return None
    here = notebook.parent
    snapshot = root / "sample_projects" / track / paths.step_name(notebook)
    lines = [
        "## What you built",
        "",
        "The app at the end of this lesson, in a browser: pictures of "
        f"[`{snapshot.relative_to(root).as_posix()}/`]"
        f"({Path(os.path.relpath(snapshot, here)).as_posix()}/) "
        "taken by `make screenshots`.",
    ]
    for picture in pictures:
        alt = screenshots.caption(track, picture)
        target = Path(os.path.relpath(picture, here)).as_posix()
        lines += ["", f"**{alt}**", "", f"![{alt}]({target})"]
    return "\n".join(lines)


def _tagged(nb, tag: str) -> list[int]:
    return [i for i, c in enumerate(nb.cells) if tag in c.metadata.get("tags", [])]


def _footer_cell(nb):
    if nb.cells and TAG in nb.cells[-1].metadata.get("tags", []):
        return nb.cells[-1]
    return None


def _is_current(nb, footer_text: str, gallery_text: str | None) -> bool:
    footer_cell = _footer_cell(nb)
    if footer_cell is None or footer_cell.source != footer_text:
        return False
    galleries = _tagged(nb, GALLERY_TAG)
    if gallery_text is None:
        return not galleries
    last = len(nb.cells) - 1
    return galleries == [last - 1] and nb.cells[last - 1].source == gallery_text


def _rewrite(nb, footer_text: str, gallery_text: str | None) -> None:
    """Put the gallery (if any) and then the footer at the end of ``nb``,
    reusing the existing cells so their ids stay the same."""
    footers = _tagged(nb, TAG)
    galleries = _tagged(nb, GALLERY_TAG)
    footer_cell = nb.cells[footers[-1]] if footers else None
    gallery_cell = nb.cells[galleries[0]] if galleries else None
    drop = set(footers) | set(galleries)
    nb.cells = [c for i, c in enumerate(nb.cells) if i not in drop]
    if gallery_text is not None:
        if gallery_cell is None:
            gallery_cell = nbformat.v4.new_markdown_cell(
                metadata={"tags": [GALLERY_TAG]}
            )
        gallery_cell.source = gallery_text
        nb.cells.append(gallery_cell)
    if footer_cell is None:
        footer_cell = nbformat.v4.new_markdown_cell(metadata={"tags": [TAG]})
    footer_cell.source = footer_text
    nb.cells.append(footer_cell)


def run(write: bool, root: Path | None = None) -> list[str]:
    root = root or paths.course_root()
    order = course_order(root)
    stale = []
    for index, notebook in enumerate(order):
        nb = nbformat.read(notebook, as_version=4)
        footer_text = footer(order, index)
        gallery_text = gallery(notebook, root)
        if _is_current(nb, footer_text, gallery_text):
            continue
        stale.append(str(notebook.relative_to(root)))
        if write:
            _rewrite(nb, footer_text, gallery_text)
            nbformat.write(nb, notebook)
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["write", "check"])
    args = parser.parse_args(argv)
    stale = run(write=args.action == "write")
    if args.action == "check" and stale:
        print("Stale galleries or footers (run `python -m coursekit.nav write`):")
        print("\n".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
