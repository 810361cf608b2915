"""Lines of code per concern in an app folder, split into written and generated.

Counted the same way for both tracks:

- a *line* is a non-blank line that is not a comment (``#`` in Python and
  configuration files, ``{#`` in templates); docstrings count;
- *generated* lines are those a tool wrote: every line of a migration
  (``makemigrations``, ``flask db migrate``), and, in a file that a scaffolding
  command creates at the same path (``django-admin startproject``,
  ``manage.py startapp``, ``flask db init``), each line that also appears in the
  file the tool generates (``scaffold()`` runs the tools to find out), quotes,
  spaces and commas aside (a formatter changes those). The rest is *written*;
- each file belongs to one *concern* (``concern()``), except Flask's route
  decorators and blueprints, whose lines are routing (Django's are in urls.py).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

CONCERNS = (
    "routing",
    "views",
    "forms",
    "templates",
    "models",
    "admin",
    "auth/security",
    "config",
    "demo data",
    "tests",
)
COUNTED_SUFFIXES = {".py", ".html", ".css", ".txt", ".ini", ".mako", ""}
# Two files named middleware.py do different jobs: say which is which.
BY_PATH = {
    "mysite/middleware.py": "auth/security",  # the Content-Security-Policy header
    "bookmarks/middleware.py": "views",  # JSON errors under /api/
}
CONFIG_FILES = {
    "settings.py",
    "settings_production.py",
    "config.py",
    "extensions.py",
    "apps.py",
    "manage.py",
    "wsgi.py",
    "asgi.py",
    "requirements.txt",
}
AUTH_FILES = {"auth.py", "passwords.py", "security.py"}
# Flask's routing lives in decorators and blueprints, next to the views.
FLASK_ROUTING = re.compile(
    r"^(@\w+\.(route|get|post|put|patch|delete)\(|\w+ = Blueprint\(|"
    r"app\.register_blueprint\()"
)


def is_migration(relative: str) -> bool:
    """A migration file (Django's NNNN_*.py, Alembic's versions/*.py)."""
    parts = relative.split("/")
    return "migrations" in parts[:-1] and (
        "versions" in parts or re.match(r"\d{4}_", parts[-1]) is not None
    )


def concern(relative: str) -> str | None:
    """The concern of the file at ``relative`` (posix path in the app folder);
    None for files that are not counted (docs, empty ``migrations/__init__``)."""
    path = Path(relative)
    parts, name = path.parts, path.name
    if path.suffix not in COUNTED_SUFFIXES or name == "README.md":
        return None
    if "tests" in parts or name.startswith("test"):
        return "tests"
    if "migrations" in parts:
        return "models"
    if relative in BY_PATH:
        return BY_PATH[relative]
    if name == "urls.py":
        return "routing"
    if name in CONFIG_FILES or (name == "__init__.py" and len(parts) == 2):
        return "config"
    if name == "admin.py":
        return "admin"
    if name == "forms.py":
        return "forms"
    if name in {"models.py", "queries.py"}:
        return "models"
    if name in AUTH_FILES or parts[0] == "accounts" or "auth" in parts[:-1]:
        return "auth/security"
    if path.suffix in {".html", ".css"}:
        return "templates"
    if name in {"views.py", "api.py", "errors.py"}:
        return "views"
    if name in {"demo.py", "commands.py"} or "management" in parts:
        return "demo data"
    if name == "__init__.py":
        return "config"
    return None


def code_lines(text: str) -> list[str]:
    """The lines that count: stripped, non-blank, not comments."""
    stripped = (line.strip() for line in text.splitlines())
    return [line for line in stripped if line and not line.startswith(("#", "{#"))]


def same_code(line: str) -> str:
    """A line as compared with a generated one: a formatter (ruff, here) changes
    quotes, spacing and trailing commas, which does not make the line yours."""
    return re.sub(r"[\"'\s,]", "", line)


def scaffold(framework: str, workdir: Path | None = None) -> dict[str, list[str]]:
    """Run the track's scaffolding commands in a temporary folder; return each
    generated file's counted lines by its relative path.

    Django: ``django-admin startproject mysite .`` and ``startapp`` for the two
    apps the course has. Flask: ``flask db init`` for an app with Flask-Migrate
    (the only files a Flask tool generates; the rest is written)."""
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        folder = Path(tmp)
        if framework == "django":
            run = [sys.executable, "-m", "django", "startproject", "mysite", "."]
            subprocess.run(run, cwd=folder, check=True, capture_output=True)
            for app in ("bookmarks", "accounts"):
                run = [sys.executable, "manage.py", "startapp", app]
                subprocess.run(run, cwd=folder, check=True, capture_output=True)
        else:
            (folder / "app.py").write_text(MINIMAL_FLASK_MIGRATE)
            run = [sys.executable, "-m", "flask", "--app", "app", "db", "init"]
            subprocess.run(run, cwd=folder, check=True, capture_output=True)
            (folder / "app.py").unlink()
        return {
            path.relative_to(folder).as_posix(): code_lines(path.read_text())
            for path in sorted(folder.rglob("*"))
            if path.is_file() and "__pycache__" not in path.parts
        }


MINIMAL_FLASK_MIGRATE = """\
from flask import Flask
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
db = SQLAlchemy(app)
migrate = Migrate(app, db)
"""


def split(lines: list[str], generated_by_tool: list[str]) -> tuple[int, int]:
    """(written, generated) among ``lines``: each line the tool's version of the
    file also has counts as generated, as many times as the tool wrote it."""
    left = Counter(map(same_code, generated_by_tool))
    generated = 0
    for line in lines:
        if left[same_code(line)] > 0:
            left[same_code(line)] -= 1
            generated += 1
    return len(lines) - generated, generated


def count_file(
    relative: str, text: str, generated_by_tool: list[str] | None, flask: bool
) -> dict[tuple[str, str], int]:
    """{(concern, "written" or "generated"): lines} for one file."""
    kind = concern(relative)
    if kind is None:
        return {}
    lines = code_lines(text)
    if is_migration(relative):
        return {(kind, "generated"): len(lines)}
    counts: Counter = Counter()
    if generated_by_tool is not None:
        written, generated = split(lines, generated_by_tool)
        counts[(kind, "written")] += written
        counts[(kind, "generated")] += generated
    elif flask and relative.endswith(".py") and kind != "tests":
        for line in lines:
            routing = FLASK_ROUTING.match(line)
            counts[("routing" if routing else kind, "written")] += 1
    else:
        counts[(kind, "written")] += len(lines)
    return dict(counts)


def count_app(folder: Path, generated: dict[str, list[str]]) -> dict:
    """{concern: {"written": n, "generated": n}} for the app in ``folder``, and
    {relative path: (concern, written, generated)} for each counted file."""
    from . import paths

    flask = not (folder / "manage.py").exists()
    totals = {c: {"written": 0, "generated": 0} for c in CONCERNS}
    files = {}
    for relative, path in paths.source_files(folder).items():
        counts = count_file(relative, path.read_text(), generated.get(relative), flask)
        for (kind, origin), n in counts.items():
            totals[kind][origin] += n
        if counts:
            written = sum(n for (_, o), n in counts.items() if o == "written")
            files[relative] = (
                concern(relative),
                written,
                sum(counts.values()) - written,
            )
    return {"concerns": totals, "files": files}


def total(counts: dict, origin: str, exclude: tuple[str, ...] = ("tests",)) -> int:
    """Lines of one origin ("written"/"generated") over the concerns not excluded."""
    return sum(v[origin] for c, v in counts["concerns"].items() if c not in exclude)
