"""Start a finished (or step) app of either track and talk to it over WSGI.

The parity tests only speak HTTP. Everything framework-specific lives here and uses
the contract's own commands: migrations create the tables, a command-line staff user
is created without a prompt, and the app's WSGI callable serves the requests.

The database is a SQLite file, or a database on the PostgreSQL server that
``PARITY_POSTGRES_URL`` names (the app reads its URL from ``DATABASE_URL``, as in
production). Either way each test starts from the same freshly migrated data.
"""

from __future__ import annotations

import contextlib
import graphlib
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from werkzeug.test import Client

from coursekit.measure import database_url

STAFF_PASSWORD = "staff-" + secrets.token_hex(8)


def command(argv: list[str], cwd: Path, env: dict) -> None:
    result = subprocess.run(
        [sys.executable, *argv], cwd=cwd, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed:\n{result.stdout}{result.stderr}")


def step_number(path: Path) -> int:
    return int(re.match(r"step(\d+)_", path.name).group(1))


# Run in a fresh process by App.production(): builds the production app, or
# prints why it refused to start, then answers one request as JSON.
PRODUCTION_PROBE = """
import json, os, sys
framework, url = sys.argv[1], sys.argv[2]
try:
    if framework == "flask":
        from bookmarks import config, create_app
        app = create_app(config.production())
    else:
        from django.core.wsgi import get_wsgi_application
        app = get_wsgi_application()
except Exception as error:
    print(json.dumps({"refused": f"{type(error).__name__}: {error}"}))
    raise SystemExit
from urllib.parse import urlsplit
from werkzeug.test import Client
parts = urlsplit(url)
path = parts.path + ("?" + parts.query if parts.query else "")
response = Client(app).get(path, base_url=f"{parts.scheme}://{parts.netloc}")
print(json.dumps({
    "status": response.status_code,
    "location": response.headers.get("Location", ""),
    "headers": dict(response.headers),
    "cookies": response.headers.getlist("Set-Cookie"),
}))
"""

# Prints the secret key the development settings fall back to.
DEFAULT_KEY_PROBE = """
import sys
if sys.argv[1] == "flask":
    from bookmarks import config
    print(config.development()["SECRET_KEY"])
else:
    from django.conf import settings
    print(settings.SECRET_KEY)
"""


class Postgres:
    """One app's database on a PostgreSQL server, reset to a snapshot per test.

    Emptying the tables and copying the snapshot's rows back takes some 30 ms; a
    new database per test (CREATE DATABASE ... TEMPLATE) took 6 to 20 times longer
    on a busy machine. The database stays on the server afterwards, so give a
    throwaway server (its statistics then show what the tests wrote).
    """

    SNAPSHOT = "parity_snapshot"

    def __init__(self, server_url: str):
        import psycopg

        self.name = "parity_" + secrets.token_hex(4)
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {self.name}")
        self.url = urlsplit(server_url)._replace(path=f"/{self.name}").geturl()
        self.reset_sql = None

    def _connect(self):
        import psycopg

        return psycopg.connect(self.url, autocommit=True)

    def tables(self) -> list[str]:
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            ).fetchall()
        return sorted(row[0] for row in rows)

    def snapshot(self) -> None:
        """Keep a copy of every table's rows, and the SQL that puts them back."""
        from psycopg.sql import SQL, Identifier, Literal

        tables = self.tables()
        with self._connect() as conn:
            # Parents before children: foreign keys are checked row by row.
            parents = {table: set() for table in tables}
            links = conn.execute(
                "SELECT child.relname, parent.relname FROM pg_constraint"
                " JOIN pg_class child ON child.oid = conrelid"
                " JOIN pg_class parent ON parent.oid = confrelid"
                " WHERE contype = 'f' AND connamespace = 'public'::regnamespace"
            ).fetchall()
            for child, parent in links:
                if child != parent:
                    parents[child].add(parent)
            ordered = graphlib.TopologicalSorter(parents).static_order()
            counters = conn.execute(
                "SELECT table_name, column_name, sequence FROM ("
                " SELECT table_name, column_name, pg_get_serial_sequence("
                "  format('%I', table_name), column_name) AS sequence"
                " FROM information_schema.columns WHERE table_schema = 'public'"
                ") AS columns WHERE sequence IS NOT NULL"
            ).fetchall()
            conn.execute(SQL("CREATE SCHEMA {}").format(Identifier(self.SNAPSHOT)))
            for table in tables:
                copy = SQL("CREATE TABLE {} AS TABLE {}")
                conn.execute(
                    copy.format(Identifier(self.SNAPSHOT, table), Identifier(table))
                )
        statements = [
            SQL("TRUNCATE {}").format(SQL(", ").join(map(Identifier, tables)))
        ]
        statements += [
            SQL("INSERT INTO {} OVERRIDING SYSTEM VALUE SELECT * FROM {}").format(
                Identifier(table), Identifier(self.SNAPSHOT, table)
            )
            for table in ordered
        ]
        # Each id counter continues after the snapshot's rows, as it did then.
        statements += [
            SQL("SELECT setval({}, coalesce(max({}), 0) + 1, false) FROM {}").format(
                Literal(sequence), Identifier(column), Identifier(table)
            )
            for table, column, sequence in counters
        ]
        self.reset_sql = SQL(";\n").join(statements)

    def reset(self) -> None:
        """Put the snapshot back (the app's connections must be closed)."""
        with self._connect() as conn:
            # Fail rather than wait for ever if a connection still holds a table.
            conn.execute("SET lock_timeout = '30s'")
            with conn.transaction():
                conn.execute(self.reset_sql)

    def dump(self) -> bytes:
        """Every row of every table, as COPY writes them."""
        from psycopg.sql import SQL, Identifier

        data = bytearray()
        with self._connect() as conn:
            for table in self.tables():
                query = SQL("COPY {} TO STDOUT").format(Identifier(table))
                with conn.cursor().copy(query) as copy:
                    for block in copy:
                        data += block
        return bytes(data)


class App:
    """One app under test: a migrated template database, copied fresh per test.

    With ``postgres_url`` (a PostgreSQL server) the app's database is made there
    and reset to its migrated state before each test; otherwise each test gets a
    copy of a migrated SQLite file in ``workdir``.
    """

    def __init__(self, step: Path, workdir: Path, postgres_url: str | None = None):
        self.step = step
        self.number = step_number(step)
        self.framework = "django" if (step / "manage.py").is_file() else "flask"
        self.has_staff = True
        self.project = shutil.copytree(step, workdir / "project")
        self.template_db = workdir / "template.sqlite3"
        self.workdir = workdir
        self.copies = 0
        self.pg = Postgres(postgres_url) if postgres_url else None
        self.flask_app = None
        self._wsgi = None
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        if self.pg:
            env["DATABASE_URL"] = database_url(self.framework, self.pg.url)
        elif self.framework == "flask":
            env["DATABASE_URL"] = f"sqlite:///{self.template_db}"
        if self.framework == "flask":
            flask = ["-m", "flask", "--app", "bookmarks"]
            command([*flask, "db", "upgrade"], self.project, env)
            staff = ["create-staff", "staff", "--password", STAFF_PASSWORD]
            older = ["create-user", "staff", "--staff", "--password", STAFF_PASSWORD]
            try:
                command([*flask, *staff], self.project, env)
            except RuntimeError:  # before step 08 the command was create-user --staff
                try:
                    command([*flask, *older], self.project, env)
                except RuntimeError:  # before step 05 there are no staff users
                    if self.number >= 5:
                        raise
                    self.has_staff = False
        else:
            env["DJANGO_SUPERUSER_PASSWORD"] = STAFF_PASSWORD
            command(["manage.py", "migrate", "-v", "0"], self.project, env)
            command(
                [
                    "manage.py",
                    "createsuperuser",
                    "--noinput",
                    "--username",
                    "staff",
                    "--email",
                    "staff@example.org",
                ],
                self.project,
                env,
            )
            if not self.pg:
                shutil.move(self.project / "db.sqlite3", self.template_db)
        if self.pg:
            if not self.pg.tables():
                raise RuntimeError(
                    f"{step} ignored DATABASE_URL: its migrations made no tables on"
                    " PostgreSQL (only the finished apps read it)"
                )
            self.pg.snapshot()

    def _close_connections(self) -> None:
        """Close the app's idle database connections, so its tables can be reset."""
        if self.flask_app is not None:
            with self.flask_app.app_context():
                self.flask_app.extensions["sqlalchemy"].engine.dispose()
        if self._wsgi is not None:
            from django.db import connections

            connections.close_all()

    def stored(self) -> bytes:
        """Everything the current test's database holds, as bytes."""
        if self.pg:
            return self.pg.dump()
        return self.db.read_bytes()

    def fresh(self):
        """The app's WSGI callable, on a fresh copy of the template database."""
        sys.path.insert(0, str(self.project))
        if self.pg:
            self._close_connections()
            self.pg.reset()
            os.environ["DATABASE_URL"] = database_url(self.framework, self.pg.url)
        if self.framework == "flask":
            if self.pg and self.flask_app is not None:
                return self.flask_app  # the same database, reset: the same app
            if not self.pg:
                # A new file per app: an old app's pooled connections never see it.
                self.copies += 1
                self.db = shutil.copyfile(
                    self.template_db, self.workdir / f"live-{self.copies}.sqlite3"
                )
                os.environ["DATABASE_URL"] = f"sqlite:///{self.db}"
            from bookmarks import create_app

            self.flask_app = create_app()
            return self.flask_app
        # Django closes its connection after every request, so the file can be
        # replaced between tests.
        if not self.pg:
            self.db = shutil.copyfile(self.template_db, self.workdir / "live.sqlite3")
        if self._wsgi is None:
            os.environ["DJANGO_SETTINGS_MODULE"] = "mysite.settings"
            from django.conf import settings
            from django.core.wsgi import get_wsgi_application

            self._wsgi = get_wsgi_application()
            if not self.pg:
                settings.DATABASES["default"]["NAME"] = str(self.db)
            # As Django's testing docs advise: a fast hasher for the passwords the
            # tests create (the staff user's real PBKDF2 hash still verifies).
            settings.PASSWORD_HASHERS = [
                "django.contrib.auth.hashers.MD5PasswordHasher",
                *settings.PASSWORD_HASHERS,
            ]
        return self._wsgi

    @contextlib.contextmanager
    def count_queries(self):
        """Collects the SQL statements run inside the block, in a list."""
        statements: list[str] = []
        if self.framework == "flask":
            from sqlalchemy import event

            with self.flask_app.app_context():
                engine = self.flask_app.extensions["sqlalchemy"].engine

            def record(conn, cursor, statement, *args):
                statements.append(statement)

            event.listen(engine, "before_cursor_execute", record)
            try:
                yield statements
            finally:
                event.remove(engine, "before_cursor_execute", record)
        else:
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as captured:
                yield statements
            statements.extend(q["sql"] for q in captured.captured_queries)

    def default_secret_key(self) -> str:
        """The key the development settings use when none is set."""
        env = {"DJANGO_SETTINGS_MODULE": "mysite.settings"}
        env = {k: v for k, v in {**os.environ, **env}.items() if "SECRET_KEY" not in k}
        result = subprocess.run(
            [sys.executable, "-c", DEFAULT_KEY_PROBE, self.framework],
            cwd=self.project,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    def production(self, secret_key: str | None, url: str = "/") -> dict:
        """Start the production configuration in a new process with ``secret_key``
        (None: unset) and GET ``url`` (give "https://localhost/..." for HTTPS).
        The URL's host is the request's Host header: "https://evil.example/"
        sends a forged one (only localhost and testserver are configured).

        Returns {"refused": reason} or the response's status, location, headers
        and cookies.
        """
        if self.pg:  # the test's own database: the probe only reads
            url_of_database = database_url(self.framework, self.pg.url)
        else:
            database = shutil.copyfile(self.template_db, self.workdir / "production.db")
            url_of_database = f"sqlite:///{database}"
        env = {
            "BOOKMARKS_ENV": "production",
            "DJANGO_SETTINGS_MODULE": "mysite.settings_production",
            "DJANGO_ALLOWED_HOSTS": "localhost,testserver",
            "TRUSTED_HOSTS": "localhost,testserver",
            "DATABASE_URL": url_of_database,
        }
        full_env = {k: v for k, v in os.environ.items() if "SECRET_KEY" not in k}
        if secret_key is not None:
            env |= {"SECRET_KEY": secret_key, "DJANGO_SECRET_KEY": secret_key}
        result = subprocess.run(
            [sys.executable, "-c", PRODUCTION_PROBE, self.framework, url],
            cwd=self.project,
            env={**full_env, "PYTHONDONTWRITEBYTECODE": "1", **env},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return json.loads(result.stdout.strip().splitlines()[-1])


class _Forms(HTMLParser):
    """Collects each form's action, method and input values."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {"action": attrs.get("action"), "fields": {}, "hidden": {}}
            )
        elif (
            tag in ("input", "textarea", "select") and self.forms and attrs.get("name")
        ):
            form = self.forms[-1]
            form["fields"][attrs["name"]] = attrs.get("value") or ""
            if attrs.get("type") == "hidden":
                form["hidden"][attrs["name"]] = attrs.get("value") or ""


def forms_in(html: str) -> list[dict]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


@dataclass
class Browser:
    """A cookie-keeping visitor that fills in forms like a person would."""

    client: Client
    username: str | None = None
    history: list = field(default_factory=list)

    def get(self, path: str, **kwargs):
        return self.client.get(path, **kwargs)

    def post(self, path: str, data: dict | None = None, **kwargs):
        return self.client.post(path, data=data or {}, **kwargs)

    def hidden_fields(self, path: str, wanted: tuple = ()) -> dict:
        """The hidden inputs (e.g. the CSRF token) of a form on ``path``: the form
        with the most of the ``wanted`` fields, else any form with hidden inputs."""
        response = self.get(path)
        assert response.status_code == 200, f"GET {path}: {response.status_code}"
        forms = [f for f in forms_in(response.get_data(as_text=True)) if f["hidden"]]
        if not forms:
            return {}
        best = max(forms, key=lambda f: len(set(wanted) & set(f["fields"])))
        return best["hidden"]

    def submit(self, path: str, data: dict, *, form_page: str | None = None):
        """GET the form page, then POST ``data`` with that form's hidden fields."""
        fields = self.hidden_fields(form_page or path, tuple(data))
        return self.post(path, {**fields, **data})

    def register(self, username: str, password: str):
        return self.submit(
            "/accounts/register/",
            {"username": username, "password1": password, "password2": password},
        )

    def login(self, username: str, password: str, next_: str | None = None):
        path = "/accounts/login/" + (f"?next={next_}" if next_ else "")
        response = self.submit(path, {"username": username, "password": password})
        if response.status_code in (301, 302, 303):
            self.username = username
        return response

    def logout(self):
        # Logout is a POST; any page with a form carries the CSRF token it needs.
        fields = self.hidden_fields("/bookmarks/new/")
        return self.post("/accounts/logout/", fields)

    def change_password(self, old: str, new: str, again: str | None = None):
        return self.submit(
            "/accounts/password/",
            {
                "old_password": old,
                "new_password1": new,
                "new_password2": new if again is None else again,
            },
        )

    def add_bookmark(self, **values) -> int:
        data = {
            "url": "https://example.org/",
            "title": "A title",
            "notes": "",
            "tags": "",
        }
        data.update(values)
        if data.pop("private", False):
            data["private"] = "on"
        response = self.submit("/bookmarks/new/", data)
        assert response.status_code in (302, 303), (
            f"creating a bookmark should redirect, got {response.status_code}"
        )
        # Both apps redirect to the new bookmark's page.
        found = re.search(r"/bookmarks/(\d+)/$", response.headers["Location"])
        assert found, f"redirected to {response.headers['Location']}"
        return int(found.group(1))

    def copy(self) -> Browser:
        """Another client holding copies of this one's cookies (a stolen cookie)."""
        other = Browser(Client(self.client.application), self.username)
        for cookie in self.client._cookies.values():
            other.client.set_cookie(
                cookie.key, cookie.value, domain=cookie.domain, path=cookie.path
            )
        return other

    def is_logged_in(self) -> bool:
        """True if the new-bookmark form opens instead of redirecting to log in."""
        return self.get("/bookmarks/new/").status_code == 200


def bookmark_ids(html: str) -> list[int]:
    """Ids of the bookmarks linked from a page, in page order, without repeats."""
    ids = []
    for found in re.findall(r'href="[^"]*/bookmarks/(\d+)/"', html):
        if int(found) not in ids:
            ids.append(int(found))
    return ids


def is_offsite(location: str) -> bool:
    parts = urlsplit(location)
    return bool(parts.netloc) and parts.netloc not in ("localhost", "testserver")
