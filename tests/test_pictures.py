"""The "What you built" pictures: one set per step, valid, small, in the lesson."""

import os
import re
import shutil
import struct
import zlib
from pathlib import Path

import nbformat
import pytest

from coursekit import browser, nav, paths, screenshots

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ROOT / "notebooks" / "figures"
MAX_TOTAL_BYTES = 5_000_000
IMAGE_LINK = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")


def read_png(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and raw scanlines of a PNG, checking every chunk's CRC."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    offset, idat, kinds = 8, b"", []
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length : offset + 12 + length])
        assert zlib.crc32(kind + body) == crc, f"bad CRC in a {kind!r} chunk"
        kinds.append(kind)
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND", "chunks out of order"
    raw = zlib.decompress(idat)
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour]
    row = 1 + (width * channels * depth + 7) // 8  # a filter byte, then pixels
    assert len(raw) == row * height, "the image data does not fill the image"
    return width, height, raw


def lessons():
    return [(t, nb) for t in paths.TRACKS for nb in paths.lesson_notebooks(t, ROOT)]


def all_pictures():
    return sorted(FIGURES.rglob("*.png"))


def gallery_cell(notebook: Path):
    cells = nbformat.read(notebook, as_version=4).cells
    found = [c for c in cells if nav.GALLERY_TAG in c.metadata.get("tags", [])]
    return found[0] if found else None


@pytest.mark.parametrize(
    "track, notebook", lessons(), ids=lambda x: getattr(x, "stem", x)
)
def test_every_step_has_pictures_shown_in_its_lesson(track, notebook):
    number = screenshots.step_number(notebook.stem)
    pictures = screenshots.pictures(track, number, ROOT)
    if screenshots.SHOTS[track][number] == []:  # nothing new to see, on purpose
        assert not pictures, f"stale pictures of {track} step {number}"
        assert gallery_cell(notebook) is None, f"{notebook.name}: run `make nav`"
        return
    assert pictures, f"no pictures of {track} step {number}: run `make screenshots`"
    cell = gallery_cell(notebook)
    assert cell is not None, f"{notebook.name} has no gallery: run `make nav`"
    links = IMAGE_LINK.findall(cell.source)
    shown = {(notebook.parent / target).resolve() for _, target in links}
    assert shown == {p.resolve() for p in pictures}, "run `make nav`"
    for alt, target in links:
        assert alt.strip(), f"{target} has no alt text"
        assert (notebook.parent / target).is_file(), f"{target} does not exist"


def test_every_snapshot_has_pages_to_photograph():
    for track in paths.TRACKS:
        for snapshot in paths.snapshot_dirs(track, ROOT):
            number = screenshots.step_number(snapshot.name)
            assert number in screenshots.SHOTS[track], (
                f"add the pages of {track}/{snapshot.name} to screenshots.SHOTS"
            )
    # Only a step that shows nothing new in a browser goes without pictures.
    assert {
        n for t in paths.TRACKS for n, s in screenshots.SHOTS[t].items() if not s
    } == {
        3,
        7,
    }


def test_pictures_are_valid_small_and_belong_to_a_step():
    pictures = all_pictures()
    assert pictures, "notebooks/figures/ has no pictures: run `make screenshots`"
    steps = {
        (track, screenshots.step_number(s.name))
        for track in paths.TRACKS
        for s in paths.snapshot_dirs(track, ROOT)
    }
    for picture in pictures:
        name = picture.relative_to(FIGURES).as_posix()
        track = picture.parent.name
        assert re.fullmatch(r"step\d\d_[a-z0-9_]+", picture.stem), name
        assert (track, screenshots.step_number(picture.stem)) in steps, (
            f"{name} belongs to no step: run `make screenshots`"
        )
        data = picture.read_bytes()
        width, height, _ = read_png(data)
        assert (width, height) == (1000, 700), f"{name} is {width}x{height}"
        assert len(data) <= screenshots.MAX_BYTES, f"{name} is {len(data)} bytes"
    total = sum(p.stat().st_size for p in pictures)
    assert total <= MAX_TOTAL_BYTES, f"the pictures take {total} bytes"


def lesson(title: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell(f"# {title}"),
            nbformat.v4.new_markdown_cell("## Summary"),
        ]
    )


def test_nav_writes_the_gallery_before_the_footer(tmp_path):
    notebooks = tmp_path / "notebooks"
    (notebooks / "flask").mkdir(parents=True)
    nbformat.write(lesson("00 · Start here"), notebooks / "00_start_here.ipynb")
    step = notebooks / "flask" / "01_routing.ipynb"
    nbformat.write(lesson("01 · Flask: App and routing"), step)
    figures = notebooks / "figures" / "flask"
    figures.mkdir(parents=True)
    shutil.copy(FIGURES / "flask" / "step01_home.png", figures)
    shutil.copy(FIGURES / "flask" / "step01_api.png", figures)

    assert nav.run(write=True, root=tmp_path) == [
        "notebooks/00_start_here.ipynb",
        "notebooks/flask/01_routing.ipynb",
    ]
    cells = nbformat.read(step, as_version=4).cells
    assert [c.metadata.get("tags", []) for c in cells[-2:]] == [
        [nav.GALLERY_TAG],
        [nav.TAG],
    ]
    # In SHOTS' order (home before api), with SHOTS' captions as alt text.
    assert IMAGE_LINK.findall(cells[-2].source) == [
        (
            screenshots.caption("flask", figures / "step01_home.png"),
            "../figures/flask/step01_home.png",
        ),
        (
            screenshots.caption("flask", figures / "step01_api.png"),
            "../figures/flask/step01_api.png",
        ),
    ]
    gallery_id = cells[-2].id
    assert nav.run(write=False, root=tmp_path) == []

    # A lesson edited after the gallery was written: it moves back to the end.
    nb = nbformat.read(step, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("## Try it"))
    nbformat.write(nb, step)
    assert nav.run(write=False, root=tmp_path) == ["notebooks/flask/01_routing.ipynb"]
    nav.run(write=True, root=tmp_path)
    cells = nbformat.read(step, as_version=4).cells
    assert cells[-3].source == "## Try it" and cells[-2].id == gallery_id

    # No pictures, no gallery.
    shutil.rmtree(figures)
    nav.run(write=True, root=tmp_path)
    cells = nbformat.read(step, as_version=4).cells
    assert not any(nav.GALLERY_TAG in c.metadata.get("tags", []) for c in cells)
    assert nav.TAG in cells[-1].metadata["tags"]


# -- taking pictures, in the real browser --------------------------------------------


@pytest.fixture(scope="module")
def chromium():
    if browser.chromium_path() is None:
        if os.environ.get("CI") == "1":
            pytest.fail(browser.INSTALL_HINT)
        pytest.skip(browser.INSTALL_HINT)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = browser.launch(playwright)
        yield launched
        launched.close()


def test_a_step_photographed_twice_gives_the_same_files(chromium, tmp_path):
    snapshot = paths.snapshot_for_step("flask", 4, ROOT)
    first = screenshots.capture_step(chromium, "flask", snapshot, tmp_path / "a")
    second = screenshots.capture_step(chromium, "flask", snapshot, tmp_path / "b")
    assert [p.name for p in first] == [
        f"step04_{shot.name}.png" for shot in screenshots.SHOTS["flask"][4]
    ]
    # Same data and pinned dates: the pictures do not change from run to run.
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_staff_pages_are_photographed_logged_in(chromium, tmp_path):
    snapshot = paths.snapshot_for_step("django", 5, ROOT)
    written = screenshots.capture_step(chromium, "django", snapshot, tmp_path)
    expected = [s for s in screenshots.SHOTS["django"][5] if s.login]
    assert {p.stem for p in written} >= {f"step05_{s.name}" for s in expected}
    # capture_step leaves out a page that still asks to log in: all are there.
    for picture in written:
        read_png(picture.read_bytes())
