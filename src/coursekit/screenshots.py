"""Pictures of what each step built: its snapshot's key pages, in a real browser.

python -m coursekit.screenshots                 # every step of both tracks
python -m coursekit.screenshots flask 3         # one track, one step

For each ``sample_projects/<track>/stepNN_*`` the snapshot is copied to a temporary
folder and set up the way its README says (database, demo data, a staff user), then
served on a free port while Chromium (see browser.py) photographs the pages listed in
SHOTS for that step. The pictures go to ``notebooks/figures/<track>/stepNN_<name>.png``,
where ``python -m coursekit.nav write`` shows them near the end of each lesson.

Pages are chosen per step (SHOTS) but checked against what the step really serves: a
page that does not answer as expected (not there yet, renamed, behind a login that
failed) is left out with a warning, so a step that changes a little still gets its
pictures. A step with no picture at all is an error, unless SHOTS lists no pages for
it on purpose: a step whose work does not show in a browser (the models, the security).
"""

from __future__ import annotations

import argparse
import os
import queue
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from . import browser, paths

VIEWPORT = {"width": 1000, "height": 700}
MAX_BYTES = 150_000  # per picture: the repository carries them all
STAFF_USER = "admin"
# Only ever set in a throwaway database in a temporary folder.
STAFF_PASSWORD = "pictures-Only-7wq"
# Dates on the pages come from the database: pin them so that pictures taken on
# another day are the same files (bookmark N is made N minutes after this).
FIXED_TIME = "2026-01-05 09:00:00"
LOGIN_PATH = {"flask": "/accounts/login/", "django": "/admin/login/"}
SERVER_START_SECONDS = 60


@dataclass(frozen=True)
class Shot:
    """One picture: the page at ``path``, saved as ``stepNN_<name>.png``."""

    name: str
    path: str
    caption: str  # the alt text and caption in the lesson's gallery
    login: bool = False  # log in as the staff user first
    status: int = 200  # what the page must answer, or it is left out
    submit_empty: bool = False  # submit the bookmark form empty: its errors show
    json: bool = False  # the page must be JSON (the API), or it is left out


# What each step added, in 2-4 pages. Bookmark 1 is the first demo bookmark. The
# tracks build the same pages, so they share every step but the admin's (05).
# Steps 03 (the data layer) and 07 (attacks refused, production settings) change
# nothing a page would show: their lessons have no gallery.
SAME_PAGES: dict[int, list[Shot]] = {
    1: [
        Shot("home", "/", "The home page: every bookmark, as a link to its page"),
        Shot("detail", "/bookmarks/1/", "A bookmark's page; its tags link on"),
        Shot("api", "/api/bookmarks/", "The JSON API: the same bookmarks", json=True),
    ],
    2: [
        Shot("home", "/", "The home page, now from templates with a stylesheet"),
        Shot("form", "/bookmarks/new/", "The form for a new bookmark"),
        Shot(
            "form_errors",
            "/bookmarks/new/",
            "The form sent empty: the validators' messages",
            submit_empty=True,
        ),
    ],
    3: [],
    4: [
        Shot("home", "/", "The home page, from the database"),
        Shot("tag", "/tags/python/", "A tag's page: a query through the tags"),
        Shot("user", "/users/demo/", "A user's bookmarks"),
    ],
    6: [
        Shot("register", "/accounts/register/", "The registration page"),
        Shot("home", "/", "The home page for a logged-in user", login=True),
        Shot("new", "/bookmarks/new/", "Adding a bookmark of your own", login=True),
    ],
    7: [],
    8: [
        Shot("api", "/api/bookmarks/", "The JSON API, a page at a time", json=True),
        Shot("not_found", "/no-such-page/", "The app's own 404 page", status=404),
        Shot(
            "api_error",
            "/api/no-such-thing/",
            "Errors under /api/ answer JSON",
            status=404,
            json=True,
        ),
    ],
}
SHOTS: dict[str, dict[int, list[Shot]]] = {
    "flask": {
        **SAME_PAGES,
        5: [
            Shot("login", "/accounts/login/", "The login page that guards the admin"),
            Shot("admin", "/admin/bookmark/", "The admin's bookmark list", login=True),
            Shot(
                "admin_edit",
                "/admin/bookmark/edit/?id=1",
                "Editing a bookmark in the admin",
                login=True,
            ),
        ],
    },
    "django": {
        **SAME_PAGES,
        5: [
            Shot("admin", "/admin/", "The admin's home page", login=True),
            Shot(
                "admin_list",
                "/admin/bookmarks/bookmark/",
                "The admin's bookmark list: search, filters, actions",
                login=True,
            ),
            Shot(
                "admin_tag",
                "/admin/bookmarks/tag/1/change/",
                "A tag in the admin, its bookmarks edited inline",
                login=True,
            ),
        ],
    },
}


def figures_dir(track: str, root: Path | None = None) -> Path:
    return (root or paths.course_root()) / "notebooks" / "figures" / track


def step_number(name: str) -> int:
    """``step03_models_orm`` (or ``03_models_orm``) -> 3."""
    return int(name.removeprefix("step")[:2])


def pictures(track: str, number: int, root: Path | None = None) -> list[Path]:
    """The step's pictures on disk, in the order SHOTS lists them."""
    order = [shot.name for shot in SHOTS.get(track, {}).get(number, [])]
    prefix = f"step{number:02d}_"
    found = figures_dir(track, root).glob(f"{prefix}*.png")

    def position(path: Path) -> tuple[int, str]:
        name = path.stem.removeprefix(prefix)
        return (order.index(name) if name in order else len(order), name)

    return sorted(found, key=position)


def caption(track: str, picture: Path) -> str:
    """The alt text of a picture: SHOTS' caption, else words from its name."""
    number = step_number(picture.stem)
    name = picture.stem[len("stepNN_") :]
    for shot in SHOTS.get(track, {}).get(number, []):
        if shot.name == name:
            return shot.caption
    return name.replace("_", " ").capitalize()


# -- setting a snapshot up, as its README does -------------------------------------


def _clean_env(folder: Path) -> dict[str, str]:
    """The development defaults: none of the caller's app settings leak in."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "FLASK_", "BOOKMARKS_", "JUPYTERHUB_"))
        and key not in {"SECRET_KEY", "DATABASE_URL", "PYTHONPATH"}
    }
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONPATH"] = str(folder)
    return env


def _run(args: list[str], folder: Path, env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"`{' '.join(args)}` failed in {folder.name}:\n{result.stderr[-2000:]}"
        )
    return result.stdout


def _flask_setup(folder: Path, env: dict[str, str]) -> None:
    flask = ["-m", "flask", "--app", "bookmarks"]
    commands = _run([*flask, "--help"], folder, env)
    names = {line.split()[0] for line in commands.splitlines() if line[:2] == "  "}
    if "db" in names and (folder / "migrations").is_dir():
        _run([*flask, "db", "upgrade"], folder, env)
    elif "init-db" in names:
        _run([*flask, "init-db"], folder, env)
    if "seed-demo" in names:
        _run([*flask, "seed-demo"], folder, env)
    password = ["--password", STAFF_PASSWORD]
    if "create-staff" in names:
        _run([*flask, "create-staff", STAFF_USER, *password], folder, env)
    elif "create-user" in names:
        _run([*flask, "create-user", STAFF_USER, "--staff", *password], folder, env)


def _django_setup(folder: Path, env: dict[str, str]) -> None:
    manage = ["manage.py"]
    names = set(_run([*manage, "help", "--commands"], folder, env).split())
    _run([*manage, "migrate", "--noinput"], folder, env)
    if "seed_demo" in names:
        _run([*manage, "seed_demo"], folder, env)
    superuser = env | {
        "DJANGO_SUPERUSER_USERNAME": STAFF_USER,
        "DJANGO_SUPERUSER_EMAIL": "admin@example.com",
        "DJANGO_SUPERUSER_PASSWORD": STAFF_PASSWORD,
    }
    _run([*manage, "createsuperuser", "--noinput"], folder, superuser)


def _pin_dates(folder: Path) -> None:
    """Give every ``created_at`` in the step's SQLite files a fixed date, in the
    order the rows were made, so the pictures do not change from day to day."""
    for database in [*folder.rglob("*.db"), *folder.rglob("*.sqlite3")]:
        with sqlite3.connect(database) as connection:
            tables = connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            ).fetchall()
            for (table,) in tables:
                quoted = '"' + table.replace('"', '""') + '"'
                columns = connection.execute(f"PRAGMA table_info({quoted})")
                if "created_at" in {row[1] for row in columns}:
                    connection.execute(
                        f"UPDATE {quoted} SET created_at = "  # noqa: S608 (names from sqlite_master)
                        "datetime(?, '+' || rowid || ' minutes')",
                        (FIXED_TIME,),
                    )


def set_up(track: str, snapshot: Path, folder: Path) -> dict[str, str]:
    """Copy ``snapshot`` into ``folder`` and prepare it; return its environment."""
    shutil.copytree(
        snapshot,
        folder,
        ignore=shutil.ignore_patterns("__pycache__", "*.db", "*.sqlite3", "instance"),
    )
    env = _clean_env(folder)
    (_flask_setup if track == "flask" else _django_setup)(folder, env)
    _pin_dates(folder)
    return env


# -- serving it ----------------------------------------------------------------------


def _wsgi_app(track: str):
    """The app of the snapshot in the current folder (run by the server process)."""
    if track == "flask":
        from bookmarks import create_app

        return create_app()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    app = get_wsgi_application()
    if "django.contrib.staticfiles" in settings.INSTALLED_APPS:
        # What runserver does in development: serve the apps' static files.
        from django.contrib.staticfiles.handlers import StaticFilesHandler

        app = StaticFilesHandler(app)
    return app


def _serve_here(track: str) -> None:
    """Serve the snapshot in the current folder on a free port; print the port."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, _wsgi_app(track), threaded=True)
    print(server.port, flush=True)
    server.serve_forever()


class Server:
    """The snapshot's app in a process of its own (each step has its own
    ``bookmarks`` package, which one Python process can import only once)."""

    def __init__(self, track: str, folder: Path, env: dict[str, str]):
        self.log = folder / "server.log"
        if track == "django":
            # What a visitor sees: the app's own error pages, not Django's debug
            # pages (which would also put the random port into the picture).
            env = env | {"DJANGO_DEBUG": "0"}
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "coursekit.screenshots", "--serve", track],
                cwd=folder,
                env=env,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
            )
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(
            target=lambda: lines.put(self.process.stdout.readline()), daemon=True
        ).start()
        try:
            port = lines.get(timeout=SERVER_START_SECONDS).strip()
        except queue.Empty:
            port = ""
        if not port.isdigit():
            self.close()
            raise RuntimeError(
                f"The app in {folder.name} did not start:\n"
                + self.log.read_text()[-2000:]
            )
        self.url = f"http://127.0.0.1:{port}"

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        self.process.stdout.close()


# -- taking the pictures -------------------------------------------------------------


def _log_in(page, base: str, track: str) -> bool:
    """Log in as the staff user through the login form; True when it worked."""
    response = page.goto(base + LOGIN_PATH[track])
    if response is None or response.status != 200:
        return False
    form = page.locator("form:has(input[type=password])").first
    if form.count() == 0:
        return False
    form.locator("input[name=username]").fill(STAFF_USER)
    form.locator("input[type=password]").first.fill(STAFF_PASSWORD)
    with page.expect_navigation():
        form.locator("input[type=password]").first.press("Enter")
    return "login" not in page.url


def _take(page, base: str, shot: Shot) -> bytes | None:
    """The picture of one page, or None (with the reason) when it does not answer
    as the step's table expects."""
    response = page.goto(base + shot.path)
    status = response.status if response else None
    if status != shot.status:
        print(f"  {shot.name}: {shot.path} answered {status}, not {shot.status}")
        return None
    is_json = "json" in response.headers.get("content-type", "")
    if shot.json and not is_json:
        print(f"  {shot.name}: {shot.path} is not JSON")
        return None
    if shot.login and "login" in page.url:
        print(f"  {shot.name}: {shot.path} still asks to log in")
        return None
    if shot.submit_empty:
        button = page.locator("form:has([name=url]) [type=submit]").first
        if button.count() == 0:
            print(f"  {shot.name}: no bookmark form on {shot.path}")
            return None
        # novalidate: the server's validators answer, not the browser's popups.
        page.locator("form:has([name=url])").first.evaluate(
            "form => form.setAttribute('novalidate', '')"
        )
        with page.expect_navigation():
            button.click()
    if is_json:
        # Indented, as Chromium's "Pretty-print" box would show it (that box sits in
        # a closed shadow root, out of Playwright's reach).
        page.locator("body > pre").first.evaluate(
            "pre => { pre.textContent ="
            " JSON.stringify(JSON.parse(pre.textContent), null, 2) }"
        )
    # A thin frame, so that in the lesson the picture does not read as part of the
    # notebook. Set through the DOM: the apps' CSP forbids inline styles.
    page.evaluate(
        """() => { const frame = document.createElement('div');
        Object.assign(frame.style, {position: 'fixed', inset: '0',
          border: '1px solid #8c8c8c', pointerEvents: 'none', zIndex: '2147483647'});
        document.body.append(frame); }"""
    )
    return page.screenshot(animations="disabled", caret="hide")


def capture_step(playwright_browser, track: str, snapshot: Path, out: Path) -> list:
    """Photograph one snapshot's pages into ``out``; return the files written."""
    number = step_number(snapshot.name)
    shots = SHOTS.get(track, {}).get(number)
    if shots is None:
        raise RuntimeError(f"No pages listed for {track} step {number} in SHOTS.")
    if not shots:
        return []
    pictures_taken: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
        folder = Path(tmp) / snapshot.name
        env = set_up(track, snapshot, folder)
        server = Server(track, folder, env)
        context = playwright_browser.new_context(
            viewport=VIEWPORT,
            device_scale_factor=1,
            color_scheme="light",
            reduced_motion="reduce",
            locale="en-GB",
            timezone_id="UTC",
        )
        try:
            page = context.new_page()
            logged_in = False
            for shot in sorted(shots, key=lambda s: s.login):
                if shot.login and not logged_in:
                    logged_in = _log_in(page, server.url, track)
                    if not logged_in:
                        print(f"  could not log in to {track} step {number}")
                        continue
                if shot.login != logged_in:
                    continue
                png = _take(page, server.url, shot)
                if png is not None:
                    pictures_taken[shot.name] = png
        finally:
            context.close()
            server.close()
    if not pictures_taken:
        raise RuntimeError(f"No page of {snapshot.name} ({track}) could be captured.")
    out.mkdir(parents=True, exist_ok=True)
    prefix = f"step{number:02d}_"
    for old in out.glob(f"{prefix}*.png"):  # generated files: pages may be renamed
        old.unlink()
    written = []
    for name, png in pictures_taken.items():
        target = out / f"{prefix}{name}.png"
        target.write_bytes(png)
        written.append(target)
        size = f"{len(png) / 1000:.0f} kB"
        warning = "  (over the size budget)" if len(png) > MAX_BYTES else ""
        print(f"  {target.name}  {size}{warning}")
    return written


def capture(
    tracks=paths.TRACKS, step: int | None = None, root: Path | None = None
) -> list[Path]:
    """Take the pictures of every step (or of ``step``) of ``tracks``."""
    from playwright.sync_api import sync_playwright

    root = root or paths.course_root()
    written = []
    with sync_playwright() as playwright:
        chromium = browser.launch(playwright)
        try:
            for track in tracks:
                for snapshot in paths.snapshot_dirs(track, root):
                    if step is not None and step_number(snapshot.name) != step:
                        continue
                    print(f"{track}/{snapshot.name}")
                    out = figures_dir(track, root)
                    written += capture_step(chromium, track, snapshot, out)
        finally:
            chromium.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("track", nargs="?", choices=paths.TRACKS)
    parser.add_argument("step", nargs="?", type=int)
    parser.add_argument("--serve", choices=paths.TRACKS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        sys.path.insert(0, os.getcwd())
        _serve_here(args.serve)
        return 0
    tracks = [args.track] if args.track else list(paths.TRACKS)
    try:
        written = capture(tracks, args.step)
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    total = sum(path.stat().st_size for path in written)
    print(f"{len(written)} pictures, {total / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
