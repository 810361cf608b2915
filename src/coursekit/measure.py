"""Tools for the comparison notebooks: measure the two finished apps the same way.

- ``postgres()``: a throwaway PostgreSQL server on loopback, removed afterwards.
- ``App``: a copy of a finished app with its own database (SQLite or PostgreSQL,
  from ``DATABASE_URL`` as in production). ``App.session()`` is a process inside
  the app that migrates (the app's own migrations), seeds, adds users who can log
  in, and counts the SQL of a request through the app's own ORM; ``App.serve()``
  runs it under gunicorn.
- ``load()``: a load generator bounded in requests and in time (ApacheBench when
  installed, else a small threaded client), reporting throughput and percentiles;
  ``hello_server()`` is the bare-WSGI ceiling it is compared with.

``python -m coursekit.measure FRAMEWORK``, run in an app's folder, is the inside
of ``App.session()``.

Both apps get the same data with the same ids (``dataset()``), so the same page
shows the same bookmarks in both: a comparison of equals.
"""

from __future__ import annotations

import http.client
import json
import os
import pwd
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from . import paths
from .lab import free_port

INSTALL_POSTGRES = (
    "PostgreSQL is not installed: `sudo apt-get install postgresql` (Debian/Ubuntu)."
)
INSTALL_AB = "ApacheBench is not installed: `sudo apt-get install apache2-utils`."
# The pages the comparison measures, the same in both apps.
PAGES = {"home": "/", "tag": "/tags/python/", "api": "/api/bookmarks/"}
# Production settings redirect http:// to https://. A TLS proxy in front of the app
# would say the request came over HTTPS; gunicorn trusts this header from loopback.
HTTPS_HEADERS = {"X-Forwarded-Proto": "https"}
# Long enough for both apps' production checks (Django wants 50+ characters).
SECRET_KEY = secrets.token_urlsafe(64)


def finished_app(framework: str, root: Path | None = None) -> Path:
    """The folder of a track's finished app (its last snapshot)."""
    return paths.snapshot_dirs(paths.check_track(framework), root)[-1]


# --- A throwaway PostgreSQL server --------------------------------------------


def postgres_bindir() -> Path | None:
    """Where initdb and pg_ctl are: on PATH, else Debian's newest version."""
    if found := shutil.which("pg_ctl"):
        return Path(found).parent
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda p: (
            int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0
        ),
    )
    return versions[-1].parent if versions else None


@dataclass(frozen=True)
class Postgres:
    """A running server: connect as ``user`` (no password) on 127.0.0.1:``port``."""

    port: int
    folder: Path
    user: str = "postgres"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def connect(self, database: str = "postgres"):
        import psycopg

        return psycopg.connect(self.url(database), autocommit=True)

    def create_database(self, name: str) -> str:
        """Create an empty database and return its URL."""
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
            raise ValueError(f"not a plain database name: {name!r}")
        with self.connect() as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def rows_inserted(self, timeout: float = 30) -> int:
        """Rows inserted so far into the server's existing databases (statistics).

        A session's counts reach the statistics when it ends, so this first waits
        until every other session has ended (a client's disconnect comes first).
        """
        others = (
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
        )
        deadline = time.monotonic() + timeout
        with self.connect() as conn:
            while conn.execute(others).fetchone()[0]:
                if time.monotonic() > deadline:
                    raise RuntimeError("PostgreSQL sessions are still open")
                time.sleep(0.05)
                conn.execute("SELECT pg_stat_clear_snapshot()")
            conn.execute("SELECT pg_stat_clear_snapshot()")
            row = conn.execute(
                "SELECT coalesce(sum(tup_inserted), 0) FROM pg_stat_database"
            ).fetchone()
        return int(row[0])

    def tables(self) -> dict[str, set[str]]:
        """Each non-template database's table names."""
        with self.connect() as conn:
            names = [
                r[0]
                for r in conn.execute(
                    "SELECT datname FROM pg_database WHERE NOT datistemplate"
                )
            ]
        found = {}
        for name in names:
            with self.connect(name) as conn:
                found[name] = {
                    r[0]
                    for r in conn.execute(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                    )
                }
        return found


def _as_postgres_user(argv: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run its programs as ``postgres``."""
    if os.geteuid() != 0:
        return argv
    return ["runuser", "-u", "postgres", "--", *argv]


@contextmanager
def postgres(attempts: int = 3) -> Iterator[Postgres]:
    """Start a PostgreSQL server in a temporary folder; stop and remove it after.

    Only for tests and measurements: no fsync, trust authentication, loopback only.
    """
    bindir = postgres_bindir()
    if bindir is None:
        raise RuntimeError(INSTALL_POSTGRES)
    folder = Path(tempfile.mkdtemp(prefix="course-postgres-"))
    data, log = folder / "data", folder / "server.log"
    try:
        if os.geteuid() == 0:
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError:
                raise RuntimeError(
                    "PostgreSQL refuses to run as root, and there is no user"
                    " `postgres` to run it as. " + INSTALL_POSTGRES
                ) from None
            os.chown(folder, owner.pw_uid, owner.pw_gid)
        initdb = [str(bindir / "initdb"), "-D", str(data), "-U", "postgres"]
        initdb += ["-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]
        _run(_as_postgres_user(initdb))
        for attempt in range(attempts):
            # Another program may take the port between choosing and binding it.
            port = free_port()
            options = (
                f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
                " -c synchronous_commit=off -c full_page_writes=off"
                " -c shared_buffers=32MB -c max_connections=40"
            )
            pg_ctl = [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log)]
            started = subprocess.run(
                _as_postgres_user([*pg_ctl, "-w", "-t", "60", "-o", options, "start"]),
                capture_output=True,
                text=True,
            )
            if started.returncode == 0:
                break
            if attempt == attempts - 1:
                server_log = log.read_text() if log.exists() else ""
                raise RuntimeError(f"PostgreSQL did not start:\n{server_log[-2000:]}")
        try:
            yield Postgres(port=port, folder=folder)
        finally:
            # Immediate: nothing here needs to survive, and it is the fastest stop.
            subprocess.run(
                _as_postgres_user([*pg_ctl, "-m", "immediate", "-w", "stop"]),
                capture_output=True,
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run(argv: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(argv, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(argv)} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
        )
    return result


# --- The data both apps get ---------------------------------------------------

START = datetime(2025, 1, 1, tzinfo=UTC)


@dataclass
class Dataset:
    users: list[dict] = field(default_factory=list)
    tags: list[dict] = field(default_factory=list)
    bookmarks: list[dict] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)  # bookmark_id, tag_id


def tag_name(number: int) -> str:
    """Tag 1 is "python" (the measured tag page); the others are topic001..."""
    return "python" if number == 1 else f"topic{number:03d}"


def dataset(users: int, tags: int, first: int, last: int) -> Dataset:
    """Bookmarks ``first``..``last`` (ids, 1-based) and, from the start, the users
    and tags. Deterministic, so both apps hold the same rows: a quarter of the
    bookmarks carry "python", one in ten is private, each has 1 to 3 tags."""
    data = Dataset()
    if first == 1:
        data.users = [
            {"id": n, "username": f"user{n:02d}"} for n in range(1, users + 1)
        ]
        data.tags = [{"id": n, "name": tag_name(n)} for n in range(1, tags + 1)]
    for n in range(first, last + 1):
        data.bookmarks.append(
            {
                "id": n,
                "owner_id": 1 + (n * 7) % users,
                "url": f"https://example.org/articles/{n}/",
                "title": f"Article number {n}",
                "notes": f"Notes on article {n}: worth reading again.",
                "private": n % 10 == 0,
                "created_at": START + timedelta(minutes=n),
            }
        )
        chosen = {1} if n % 4 == 0 else set()
        for j in range(1 + n % 3 - len(chosen)):
            chosen.add(2 + (n * 13 + j * 37) % (tags - 1))
        data.links += [{"bookmark_id": n, "tag_id": t} for t in sorted(chosen)]
    return data


# --- One app, its database, its server -----------------------------------------

# --- Inside an app's process ------------------------------------------------------
# ``python -m coursekit.measure FRAMEWORK ...`` runs these in the app's folder, so
# each app stores and reads the rows through its own ORM.


def _flask_app():
    from bookmarks import create_app

    return create_app()  # settings from the environment: DATABASE_URL


def _flask_seed(users: int, tags: int, total: int) -> int:
    from sqlalchemy import func, insert, select

    from bookmarks.extensions import db
    from bookmarks.models import Bookmark, Tag, User, bookmark_tags

    count = select(func.count()).select_from(Bookmark)
    have = db.session.scalar(count)
    data = dataset(users, tags, have + 1, total)
    if db.session.scalar(select(func.count()).select_from(Tag)):
        data.users, data.tags = [], []  # stored by an earlier call
    for row in data.users:
        row["password_hash"] = "!"  # matches no password: nobody logs in as them
    tables = [(User, data.users), (Tag, data.tags), (Bookmark, data.bookmarks)]
    for table, rows in [*tables, (bookmark_tags, data.links)]:
        if rows:
            db.session.execute(insert(table), rows)
    db.session.commit()
    return db.session.scalar(count)


def _flask_count(app, pages: list[str]) -> dict[str, int]:
    from sqlalchemy import event

    from bookmarks.extensions import db

    executed = []
    event.listen(db.engine, "before_cursor_execute", lambda *a: executed.append(1))
    client = app.test_client()
    counts = {}
    for path in pages:
        # The first request warms up; the second is the one counted.
        assert client.get(path).status_code == 200, path
        executed.clear()
        assert client.get(path).status_code == 200, path
        counts[path] = len(executed)
    return counts


def _django_seed(users: int, tags: int, total: int) -> int:
    from django.contrib.auth import get_user_model

    from bookmarks.models import Bookmark, Tag

    have = Bookmark.objects.count()
    data = dataset(users, tags, have + 1, total)
    if Tag.objects.exists():
        data.users, data.tags = [], []  # stored by an earlier call
    user = get_user_model()
    user.objects.bulk_create([user(password="!", **row) for row in data.users])
    Tag.objects.bulk_create([Tag(**row) for row in data.tags])
    # auto_now_add would replace the dates; the data set brings its own.
    Bookmark._meta.get_field("created_at").auto_now_add = False
    Bookmark.objects.bulk_create([Bookmark(**row) for row in data.bookmarks], 500)
    link = Bookmark.tags.through
    link.objects.bulk_create([link(**row) for row in data.links], 1000)
    return Bookmark.objects.count()


def _django_count(pages: list[str]) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for path in pages:
        assert client.get(path).status_code == 200, path
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200, path
        counts[path] = len(queries)
    return counts


# Who a user is in the admin (``user`` command). Flask-Admin's is_accessible knows
# staff or not; Django adds per-model permissions, given here through a group.
ROLES = ("user", "staff", "viewer", "superuser")


# Hashing is slow on purpose (a fraction of a second each): users given the same
# password share one hash, made by the app the first time.
_hashes: dict[str, str] = {}


def _flask_user(name: str, password: str, role: str) -> int:
    from bookmarks.extensions import db
    from bookmarks.models import User

    user = User(username=name, is_staff=role != "user")
    if password in _hashes:
        user.password_hash = _hashes[password]
    else:
        user.set_password(password)
        _hashes[password] = user.password_hash
    db.session.add(user)
    db.session.commit()
    return user.id


def _django_user(name: str, password: str, role: str) -> int:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    user = get_user_model()(
        username=name, is_staff=role != "user", is_superuser=role == "superuser"
    )
    if password in _hashes:
        user.password = _hashes[password]
    else:
        user.set_password(password)
        _hashes[password] = user.password
    user.save()
    if role == "viewer":
        group, _ = Group.objects.get_or_create(name="viewers")
        group.permissions.add(Permission.objects.get(codename="view_bookmark"))
        user.groups.add(group)
    return user.pk


def _flask_migrate(app) -> None:
    from flask_migrate import upgrade

    upgrade(directory=str(Path(app.root_path).parent / "migrations"))


def _django_migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _in_app(framework: str, commands, answer) -> None:
    """Run ``commands`` (lines: ``migrate``, ``seed N``, ``count PAGE...``,
    ``user NAME PASSWORD ROLE``) in the
    app in the current folder; ``answer`` each with one JSON value."""
    if framework == "flask":
        app = _flask_app()
        context = app.app_context()
        context.push()
        migrate = lambda: _flask_migrate(app)  # noqa: E731
        seed, count = _flask_seed, lambda pages: _flask_count(app, pages)  # noqa: E731
        user = _flask_user
    else:
        import django
        from django.test.utils import setup_test_environment

        django.setup()
        setup_test_environment()  # lets the test Client talk to the app
        migrate, seed, count = _django_migrate, _django_seed, _django_count
        user = _django_user
    for line in commands:
        command, *args = line.split()
        if command == "migrate":
            answer(migrate())
        elif command == "seed":
            users, tags, total = map(int, args)
            answer(seed(users, tags, total))
        elif command == "count":
            answer(count(args))
        elif command == "user":
            name, password, role = args
            if role not in ROLES:
                raise ValueError(f"unknown role {role!r}: one of {ROLES}")
            answer(user(name, password, role))
        else:
            raise ValueError(f"unknown command {line!r}")


def database_url(framework: str, url: str) -> str:
    """``url`` as the app's ORM spells it: SQLAlchemy names the driver (psycopg 3)."""
    if framework == "flask" and url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


class App:
    """A private copy of a finished app, using the database at ``url``.

    ``url`` is a SQLite or PostgreSQL URL; None means a SQLite file in the copy.
    The app reads it from ``DATABASE_URL``, as in production.
    """

    def __init__(self, framework: str, workdir: Path, url: str | None = None):
        self.framework = paths.check_track(framework)
        self.project = Path(
            shutil.copytree(
                finished_app(framework),
                Path(workdir) / f"{framework}-app",
                ignore=shutil.ignore_patterns("__pycache__", "*.sqlite3", "*.db"),
            )
        )
        self.url = database_url(
            framework, url or f"sqlite:///{self.project / 'measure.sqlite3'}"
        )
        self.env = {
            **os.environ,
            "PYTHONDONTWRITEBYTECODE": "1",
            "DATABASE_URL": self.url,
            "DJANGO_SETTINGS_MODULE": "mysite.settings",
            # The names requests arrive with: production refuses any other Host.
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "TRUSTED_HOSTS": "127.0.0.1,localhost,testserver",
        }
        self.env.pop("PYTHONPATH", None)

    @contextmanager
    def session(self) -> Iterator[AppSession]:
        """A process running inside the app, for migrating, seeding and counting."""
        # Errors go to a file: a pipe nobody reads could fill up and block the app.
        with tempfile.TemporaryFile("w+") as errors:
            process = subprocess.Popen(
                [sys.executable, "-m", "coursekit.measure", self.framework],
                cwd=self.project,
                env=self.env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                text=True,
            )
            try:
                yield AppSession(process, errors)
            finally:
                try:
                    process.stdin.close()
                except OSError:  # it has already stopped
                    pass
                try:
                    process.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
                process.stdout.close()

    def profile(
        self, sizes: list[int], pages: list[str], migrate: bool = True
    ) -> dict[int, dict[str, int]]:
        """Migrate (by default), then for each size grow the data to that many
        bookmarks and count the SQL statements of one request of each page."""
        with self.session() as app:
            if migrate:
                app.migrate()
            return {app.seed(size): app.count(pages) for size in sizes}

    def production_env(self) -> dict[str, str]:
        """The environment of a production run: DEBUG off, real secrets."""
        return {
            **self.env,
            "BOOKMARKS_ENV": "production",
            "SECRET_KEY": SECRET_KEY,
            "DJANGO_SECRET_KEY": SECRET_KEY,
            "DJANGO_SETTINGS_MODULE": "mysite.settings_production",
            "DJANGO_DEBUG": "false",
            "DJANGO_SERVE_STATIC": "1",
        }

    @property
    def wsgi(self) -> str:
        """The WSGI callable, as gunicorn names it."""
        return "wsgi:app" if self.framework == "flask" else "mysite.wsgi:application"

    @contextmanager
    def serve(self, workers: int = 2, ready: str | None = "/") -> Iterator[Server]:
        """The app with its production settings under gunicorn (see ``serve``)."""
        with serve(
            gunicorn(self.wsgi, workers=workers),
            cwd=self.project,
            env=self.production_env(),
            ready=ready,
        ) as server:
            yield server


class AppSession:
    """Commands sent to a process running inside an app (see ``App.session``)."""

    def __init__(self, process: subprocess.Popen, errors):
        self.process, self.errors = process, errors

    def _ask(self, line: str):
        try:
            self.process.stdin.write(line + "\n")
            self.process.stdin.flush()
            answer = self.process.stdout.readline()
        except OSError:  # the process has stopped
            answer = ""
        if not answer:
            self.process.wait(timeout=60)
            self.errors.seek(0)
            raise RuntimeError(
                f"{line!r} failed in the app:\n{self.errors.read()[-4000:]}"
            )
        return json.loads(answer)

    def migrate(self) -> None:
        """Create the tables with the app's own migrations."""
        self._ask("migrate")

    def seed(self, bookmarks: int, users: int = 50, tags: int = 100) -> int:
        """Grow the data to ``bookmarks`` bookmarks (users and tags the first
        time); returns how many bookmarks there are now."""
        return self._ask(f"seed {users} {tags} {bookmarks}")

    def user(self, name: str, password: str, role: str = "user") -> int:
        """Add a user who can log in with ``password``; ``role`` is one of ROLES
        (Flask: staff or not; Django: "staff" has no permissions, "viewer" may
        only view bookmarks). Returns the user's id."""
        return self._ask(f"user {name} {password} {role}")

    def count(self, pages: list[str]) -> dict[str, int]:
        """SQL statements of one request of each page (after a warm-up request)."""
        return self._ask("count " + " ".join(pages))


# --- Servers --------------------------------------------------------------------


def gunicorn(
    app: str, workers: int = 2, worker_class: str = "sync", threads: int = 1
) -> list[str]:
    """gunicorn's command line; ``{fd}`` is the listening socket ``serve`` passes."""
    return [
        *(sys.executable, "-m", "gunicorn", "--bind", "fd://{fd}"),
        *("--workers", str(workers), "--worker-class", worker_class),
        *("--threads", str(threads), "--log-level", "warning"),
        # Import the app once, then fork the workers: quicker to start, less memory.
        *("--preload", app),
    ]


def uvicorn(app: str, workers: int = 1) -> list[str]:
    """uvicorn's (an ASGI server) command line, on the socket ``serve`` passes."""
    return [
        *(sys.executable, "-m", "uvicorn", "--fd", "{fd}"),
        *("--workers", str(workers), "--log-level", "warning", "--no-access-log"),
        app,
    ]


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path

    def get(self, path: str, headers: dict | None = None) -> tuple[int, bytes]:
        """One request: (status, body). Redirects are not followed."""
        return _get(self.url + path, {**HTTPS_HEADERS, **(headers or {})})[:2]

    def wait(self, path: str = "/", timeout: float = 60) -> None:
        """Return once the server answers ``path``; fail with its log if it stops.

        Connections wait in the socket's queue until a worker takes them, so the
        first answer is the sign the server is up.
        """
        try:
            _get(self.url + path, HTTPS_HEADERS, timeout=timeout)
        except OSError as error:
            self.process.wait(timeout=10)
            argv = " ".join(map(str, self.process.args))
            raise RuntimeError(
                f"{argv} did not start:\n{self.log.read_text()[-3000:]}"
            ) from error

    def headers(self, path: str) -> dict[str, str]:
        """The response headers of a GET of ``path``, names in lowercase."""
        return _get(self.url + path, HTTPS_HEADERS)[2]


def _get(url: str, headers: dict, timeout: float = 60) -> tuple[int, bytes, dict]:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request(
            "GET",
            parts.path + (f"?{parts.query}" if parts.query else ""),
            headers=headers,
        )
        response = conn.getresponse()
        names = {name.lower(): value for name, value in response.getheaders()}
        return response.status, response.read(), names
    finally:
        conn.close()


@contextmanager
def serve(
    argv: list[str], cwd: Path, env: dict, ready: str | None = "/", timeout: float = 60
) -> Iterator[Server]:
    """Run a server on a loopback socket bound here (so no port can be taken
    meanwhile); yield once it answers ``ready`` (at once if None: call
    ``Server.wait`` later, to start several servers side by side); stop it
    afterwards."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    sock.set_inheritable(True)
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    argv = [a.replace("{fd}", str(sock.fileno())) for a in argv]
    handle, name = tempfile.mkstemp(prefix="server-", suffix=".log")
    os.close(handle)
    log = Path(name)
    with log.open("w") as out:
        process = subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            pass_fds=(sock.fileno(),),
        )
    sock.close()  # the server holds its own copy
    server = Server(url=url, process=process, log=log)
    try:
        if ready is not None:
            server.wait(ready, timeout)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.unlink(missing_ok=True)


# --- Load -------------------------------------------------------------------------


@dataclass(frozen=True)
class Load:
    """One load run's results. ``failures`` counts errors and non-2xx answers."""

    url: str
    tool: str
    concurrency: int
    requests: int
    failures: int
    seconds: float
    p50_ms: float
    p99_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def load(
    url: str,
    requests: int = 200,
    concurrency: int = 4,
    time_limit: float = 5.0,
    headers: dict | None = None,
    tool: str | None = None,
) -> Load:
    """Send up to ``requests`` GETs to ``url``, ``concurrency`` at a time, for at
    most ``time_limit`` seconds. ``tool``: "ab" or "python"; default ab if found."""
    headers = {**HTTPS_HEADERS, **(headers or {})}
    tool = tool or ("ab" if shutil.which("ab") else "python")
    run = _ab if tool == "ab" else _threads
    return run(url, requests, concurrency, time_limit, headers)


def _ab(url, requests, concurrency, time_limit, headers) -> Load:
    if not shutil.which("ab"):
        raise RuntimeError(INSTALL_AB)
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "percentiles.csv"
        # -t before -n: ab's -t alone implies 50,000 requests. -l: pages differ in
        # length (CSRF tokens), which is not a failure.
        argv = ["ab", "-q", "-l", "-t", str(time_limit), "-n", str(requests)]
        argv += ["-c", str(concurrency), "-s", "60", "-e", str(csv)]
        for name, value in headers.items():
            argv += ["-H", f"{name}: {value}"]
        out = _run([*argv, url]).stdout
        if not csv.exists():  # ab writes no percentiles when nothing completed
            raise RuntimeError(f"no request completed in {time_limit} s:\n{out}")
        percentiles = {}
        for line in csv.read_text().splitlines()[1:]:
            percent, ms = line.split(",")
            percentiles[int(float(percent))] = float(ms)
    done = int(number("Complete requests", out))
    # Below 100 requests the 99th percentile is the slowest one (ab's own row 99
    # is unreliable then).
    p99 = percentiles[99] if done >= 100 else percentiles[100]

    return Load(
        url=url,
        tool="ab",
        concurrency=concurrency,
        requests=done,
        failures=int(number("Failed requests", out) + number("Non-2xx responses", out)),
        seconds=number("Time taken for tests", out),
        p50_ms=percentiles[50],
        p99_ms=p99,
    )


def number(label: str, report: str) -> float:
    """The number after ``label:`` in ApacheBench's report (0 if absent)."""
    found = re.search(rf"^{label}:\s+([\d.]+)", report, re.MULTILINE)
    return float(found.group(1)) if found else 0.0


def _threads(url, requests, concurrency, time_limit, headers) -> Load:
    """A plain load generator: threads sending one request per connection."""
    latencies: list[float] = []
    failures = 0
    lock = threading.Lock()
    deadline = time.monotonic() + time_limit
    left = [requests]

    def worker():
        nonlocal failures
        while time.monotonic() < deadline:
            with lock:
                if left[0] == 0:
                    return
                left[0] -= 1
            start = time.perf_counter()
            try:
                status = _get(url, headers)[0]
                ok = 200 <= status < 300
            except OSError:
                ok = False
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(elapsed)
                failures += not ok

    start = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    cuts = (
        statistics.quantiles(latencies, n=100, method="inclusive")
        if len(latencies) > 1
        else latencies * 99
    )
    return Load(
        url=url,
        tool="python",
        concurrency=concurrency,
        requests=len(latencies),
        failures=failures,
        seconds=seconds,
        p50_ms=cuts[49],
        p99_ms=cuts[98],
    )


# A bare WSGI app: the most a Python app can get from this server on this machine.
HELLO_WSGI = '''\
def app(environ, start_response):
    """Hello, world: no framework, no database."""
    body = b"Hello, world!"
    headers = [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))]
    start_response("200 OK", headers)
    return [body]
'''


@contextmanager
def hello_server(
    workdir: Path, workers: int = 2, ready: str | None = "/"
) -> Iterator[Server]:
    """The bare-WSGI ceiling, under the same server and worker count as the apps."""
    folder = Path(workdir) / "hello"
    folder.mkdir(exist_ok=True)
    (folder / "hello.py").write_text(HELLO_WSGI)
    argv = gunicorn("hello:app", workers=workers)
    with serve(argv, cwd=folder, env=dict(os.environ), ready=ready) as server:
        yield server


if __name__ == "__main__":
    # python -m coursekit.measure FRAMEWORK, in the app's folder: commands on stdin.
    def answer(value):
        print(json.dumps(value), flush=True)

    _in_app(sys.argv[1], (line for line in sys.stdin if line.strip()), answer)
