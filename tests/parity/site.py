"""Start a finished (or step) app of either track and talk to it over WSGI.

The parity tests only speak HTTP. Everything framework-specific lives here and uses
the contract's own commands: migrations create the tables, a command-line staff user
is created without a prompt, and the app's WSGI callable serves the requests.
"""

from __future__ import annotations

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

STAFF_PASSWORD = "staff-" + secrets.token_hex(8)


def command(argv: list[str], cwd: Path, env: dict) -> None:
    result = subprocess.run(
        [sys.executable, *argv], cwd=cwd, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed:\n{result.stdout}{result.stderr}")


class App:
    """One app under test: a migrated template database, copied fresh per test."""

    def __init__(self, step: Path, workdir: Path):
        self.step = step
        self.framework = "django" if (step / "manage.py").is_file() else "flask"
        self.project = shutil.copytree(step, workdir / "project")
        self.template_db = workdir / "template.sqlite3"
        self.workdir = workdir
        self.copies = 0
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        if self.framework == "flask":
            env["DATABASE_URL"] = f"sqlite:///{self.template_db}"
            flask = ["-m", "flask", "--app", "bookmarks"]
            command([*flask, "db", "upgrade"], self.project, env)
            staff = ["create-staff", "staff", "--password", STAFF_PASSWORD]
            try:
                command([*flask, *staff], self.project, env)
            except RuntimeError:  # before step 06 the command was create-user --staff
                staff = [
                    "create-user",
                    "staff",
                    "--staff",
                    "--password",
                    STAFF_PASSWORD,
                ]
                command([*flask, *staff], self.project, env)
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
            shutil.move(self.project / "db.sqlite3", self.template_db)
        self._wsgi = None

    def fresh(self):
        """The app's WSGI callable, on a fresh copy of the template database."""
        sys.path.insert(0, str(self.project))
        if self.framework == "flask":
            # A new file per app: an old app's pooled connections never see it.
            self.copies += 1
            self.db = shutil.copyfile(
                self.template_db, self.workdir / f"live-{self.copies}.sqlite3"
            )
            os.environ["DATABASE_URL"] = f"sqlite:///{self.db}"
            from bookmarks import create_app

            return create_app()
        # Django closes its connection after every request, so the file can be
        # replaced between tests.
        self.db = shutil.copyfile(self.template_db, self.workdir / "live.sqlite3")
        if self._wsgi is None:
            os.environ["DJANGO_SETTINGS_MODULE"] = "mysite.settings"
            from django.conf import settings
            from django.core.wsgi import get_wsgi_application

            self._wsgi = get_wsgi_application()
            settings.DATABASES["default"]["NAME"] = str(self.db)
            # As Django's testing docs advise: a fast hasher for the passwords the
            # tests create (the staff user's real PBKDF2 hash still verifies).
            settings.PASSWORD_HASHERS = [
                "django.contrib.auth.hashers.MD5PasswordHasher",
                *settings.PASSWORD_HASHERS,
            ]
        return self._wsgi


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
        return self.newest_own_id()

    def newest_own_id(self) -> int:
        html = self.get(f"/users/{self.username}/").get_data(as_text=True)
        return bookmark_ids(html)[0]


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
