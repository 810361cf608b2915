"""Every relative link in the course's notebooks and markdown files leads somewhere.

JupyterLab's root folder is the repository root (``make lab``), so a link resolves
like a path relative to the file holding it, and must stay inside the repository:
Lab cannot open anything above its root.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest

from coursekit import tracked

ROOT = Path(__file__).resolve().parents[1]

FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"`[^`\n]+`|<(code|pre)>.*?</\1>", re.DOTALL)
# [text](target "title"), ![alt](target), <a href="target">, <img src="target">
MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
HTML_LINK = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']+)["']""")


def course_files() -> list[Path]:
    """The course's notebooks and markdown files as git tracks them: never a
    learner's workspace, checkpoints or an environment's packages."""
    return tracked.tracked_files(ROOT, "**/*.md", "**/*.ipynb")


def markdown_of(path: Path) -> str:
    if path.suffix == ".md":
        return path.read_text()
    notebook = nbformat.read(path, as_version=4)
    return "\n\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")


def links_in(markdown: str) -> list[str]:
    """Link targets a reader can click (not those shown as code)."""
    text = CODE_SPAN.sub("", FENCE.sub("", markdown))
    found = []
    for pattern in (MARKDOWN_LINK, REFERENCE_LINK, HTML_LINK):
        found += pattern.findall(text)
    return found


def is_relative(target: str) -> bool:
    parts = urlsplit(target)
    return not (parts.scheme or parts.netloc or target.startswith("#"))


def broken_links(folder: Path, markdown: str) -> list[str]:
    """The relative links of ``markdown`` (a file in ``folder``) that lead nowhere."""
    problems = []
    for target in links_in(markdown):
        if not is_relative(target):
            continue
        relative = unquote(urlsplit(target).path)
        if relative.startswith("/"):
            problems.append(f"{target}: absolute, not relative to the file")
            continue
        resolved = (folder / relative).resolve()
        if not resolved.is_relative_to(ROOT):
            problems.append(f"{target}: outside the repository")
        elif not resolved.exists():
            problems.append(f"{target}: no such file or folder")
    return problems


FILES = course_files()


def test_the_walk_finds_the_course():
    names = {p.relative_to(ROOT).as_posix() for p in FILES}
    assert "README.md" in names
    assert "notebooks/00_start_here.ipynb" in names
    assert any(n.startswith("exercises/") for n in names)
    assert any(n.startswith("sample_projects/") and n.endswith(".md") for n in names)
    # The walk sees the lessons' links to exercises and snapshots.
    lesson = ROOT / "notebooks" / "flask" / "01_routing.ipynb"
    targets = links_in(markdown_of(lesson))
    assert "../../exercises/flask01_routing/flask01_routing.ipynb" in targets
    assert any(t.startswith("../../sample_projects/flask/") for t in targets)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_relative_links_resolve_inside_the_repository(path):
    assert broken_links(path.parent, markdown_of(path)) == []


def test_the_check_catches_broken_links():
    text = (
        "[ok](flask/01_routing.ipynb) [gone](flask/99_missing.ipynb) "
        "[out](../../elsewhere.txt) [web](https://example.com/) [top](#top) "
        '<a href="/notebooks/00_start_here.ipynb">abs</a> '
        "`[code](not/a/link.md)` <code>href='x.md'</code>\n"
        "```\n[fenced](not/a/link.md)\n```\n"
    )
    problems = broken_links(ROOT / "notebooks", text)
    assert [p.split(":")[0] for p in problems] == [
        "flask/99_missing.ipynb",
        "../../elsewhere.txt",
        "/notebooks/00_start_here.ipynb",
    ]
