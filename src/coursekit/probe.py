"""Probe a running app over HTTP the way a browser would, for the comparison part.

``Browser`` keeps cookies (and shows their flags), finds the CSRF token in a
form, logs in through the app's real login form, and can copy its cookies to
another ``Browser`` (a stolen or kept copy of a session).
"""

from __future__ import annotations

import http.client
import json
import secrets
import sqlite3
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import Morsel, SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from . import measure
from .measure import HTTPS_HEADERS

# The hidden inputs that carry a CSRF token: Flask-WTF's and Django's.
TOKEN_FIELDS = ("csrf_token", "csrfmiddlewaretoken")


@dataclass
class Response:
    status: int
    headers: dict[str, str]  # names in lowercase
    cookies: dict[str, Morsel]  # what Set-Cookie set, with its flags
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def location(self) -> str:
        return self.headers.get("location", "")

    def json(self):
        return json.loads(self.body)


class _Inputs(HTMLParser):
    """Every <input>'s attributes, in page order."""

    def __init__(self):
        super().__init__()
        self.inputs: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "input":
            self.inputs.append({k: v or "" for k, v in attrs})


def inputs(html: str) -> list[dict[str, str]]:
    """The attributes of each <input> of a page."""
    parser = _Inputs()
    parser.feed(html)
    return parser.inputs


def csrf_token(html: str) -> str | None:
    """The CSRF token in a page's first form that has one (None if none)."""
    for attrs in inputs(html):
        if attrs.get("name") in TOKEN_FIELDS and attrs.get("value"):
            return attrs["value"]
    return None


@dataclass
class Browser:
    """One visitor: requests to ``base`` (http://127.0.0.1:PORT) with its cookies.

    ``headers`` go with every request; by default the header a TLS proxy adds,
    so an app with production settings sees HTTPS.
    """

    base: str
    headers: dict[str, str] = field(default_factory=lambda: dict(HTTPS_HEADERS))
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        method: str,
        path: str,
        data: dict | list | None = None,
        headers: dict | None = None,
    ) -> Response:
        """One request; redirects are not followed. ``data`` is sent as a form."""
        parts = urlsplit(self.base)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        sent = {**self.headers, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=sent)
            answer = conn.getresponse()
            cookies: dict[str, Morsel] = {}
            for name, value in answer.getheaders():
                if name.lower() == "set-cookie":
                    jar = SimpleCookie()
                    jar.load(value)
                    cookies.update(jar)
            response = Response(
                status=answer.status,
                headers={k.lower(): v for k, v in answer.getheaders()},
                cookies=cookies,
                body=answer.read(),
            )
        finally:
            conn.close()
        for name, morsel in cookies.items():
            if morsel.value == "" or morsel["max-age"] == "0":
                self.cookies.pop(name, None)  # the app deleted it
            else:
                self.cookies[name] = morsel.value
        return response

    def get(self, path: str, headers: dict | None = None) -> Response:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, data=None, headers: dict | None = None) -> Response:
        return self.request("POST", path, data=data or {}, headers=headers)

    def origin(self) -> str:
        """The site's origin as the browser sees it (https behind the proxy)."""
        https = self.headers.get("X-Forwarded-Proto") == "https"
        return f"{'https' if https else 'http'}://{urlsplit(self.base).netloc}"

    def submit(self, path: str, data: dict, form_page: str | None = None) -> Response:
        """POST ``data`` to ``path`` as a browser submits a form: with the CSRF
        token of ``form_page`` (GET first, as a browser shows the form; default
        ``path``), if it has one, and with Origin and Referer (over HTTPS both
        finished apps check them too)."""
        form_page = form_page or path
        page = self.get(form_page)
        token = csrf_token(page.text)
        if token is not None:  # a form without one is sent as it is
            name = next(a["name"] for a in inputs(page.text) if a.get("value") == token)
            data = {**data, name: token}
        sent = {"Origin": self.origin(), "Referer": self.origin() + form_page}
        return self.post(path, data, headers=sent)

    def log_in(self, path: str, username: str, password: str) -> Response:
        """Log in through the app's login form at ``path``; fail unless it
        redirects (the sign of a successful login in both apps)."""
        response = self.submit(path, {"username": username, "password": password})
        if response.status != 302:
            raise RuntimeError(f"logging in as {username} at {path} failed")
        return response

    def copy(self) -> Browser:
        """Another browser with a copy of this one's cookies, as kept by a thief."""
        return Browser(self.base, dict(self.headers), dict(self.cookies))


def flask_session_payload(cookie: str) -> dict:
    """What a Flask session cookie holds, read WITHOUT the secret key.

    The cookie is ``payload.timestamp.signature`` (itsdangerous): the signature
    stops changes, not reading. The payload is base64 of Flask's tagged JSON,
    zlib-compressed when that is shorter (then the cookie starts with a dot).
    """
    from flask.sessions import session_json_serializer
    from itsdangerous.encoding import base64_decode

    compressed = cookie.startswith(".")
    data = base64_decode(cookie.lstrip(".").split(".")[0])
    return session_json_serializer.loads(zlib.decompress(data) if compressed else data)


def flags(morsel: Morsel) -> dict[str, object]:
    """A cookie's security flags: HttpOnly, Secure, SameSite (None if unset)."""
    return {
        "HttpOnly": bool(morsel["httponly"]),
        "Secure": bool(morsel["secure"]),
        "SameSite": morsel["samesite"] or None,
    }


# --- Both finished apps, ready to probe -------------------------------------------

# Only ever stored in throwaway databases in temporary folders.
PASSWORD = "probe-" + secrets.token_urlsafe(12)
LOGIN = {"flask": "/accounts/login/", "django": "/admin/login/"}


def finished_apps(
    workdir: Path, users: dict[str, str], bookmarks: int = 30
) -> dict[str, measure.App]:
    """Copies of both finished apps, side by side: migrated, ``bookmarks``
    bookmarks of ``measure.dataset`` (so the same ids in both), and ``users``
    (name: role, see ``measure.ROLES``) who log in with ``PASSWORD``."""

    def prepare(framework: str) -> measure.App:
        app = measure.App(framework, workdir)
        with app.session() as inside:
            inside.migrate()
            inside.seed(bookmarks)
            for name, role in users.items():
                inside.user(name, PASSWORD, role)
        return app

    with ThreadPoolExecutor(len(measure.paths.TRACKS)) as pool:
        prepared = pool.map(prepare, measure.paths.TRACKS)
        return dict(zip(measure.paths.TRACKS, prepared, strict=True))


def sqlite_file(app: measure.App) -> Path:
    """The SQLite file of an ``App`` made without a database URL."""
    return Path(app.url.removeprefix("sqlite:///"))


def stored_hash(database: Path, username: str, table: str) -> str:
    """A user's password as stored in ``table`` of a SQLite ``database``."""
    with sqlite3.connect(database) as conn:
        row = conn.execute(
            f"SELECT password{'_hash' if table == 'user' else ''} FROM {table}"  # noqa: S608 (our own names)
            " WHERE username = ?",
            (username,),
        ).fetchone()
    if row is None:
        raise LookupError(f"no user {username!r} in {database}")
    return row[0]


def hash_algorithm(stored: str) -> str:
    """The algorithm named at the start of a stored hash: werkzeug writes
    ``scrypt:32768:8:1$salt$hash``, Django ``pbkdf2_sha256$1000000$salt$hash``."""
    return stored.split("$")[0].split(":")[0]
