"""Counting lines per concern, written and generated (coursekit.codecount), and the
comparison part's reading order."""

from __future__ import annotations

import pytest

from coursekit import codecount, nav, paths

ROOT = paths.course_root()


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        ("bookmarks/urls.py", "routing"),
        ("mysite/urls.py", "routing"),
        ("bookmarks/views.py", "views"),
        ("bookmarks/api.py", "views"),
        ("bookmarks/forms.py", "forms"),
        ("bookmarks/templates/bookmarks/list.html", "templates"),
        ("bookmarks/static/style.css", "templates"),
        ("bookmarks/templates/auth/login.html", "auth/security"),
        ("accounts/views.py", "auth/security"),
        ("bookmarks/auth.py", "auth/security"),
        ("bookmarks/models.py", "models"),
        ("migrations/env.py", "models"),
        ("bookmarks/admin.py", "admin"),
        ("mysite/settings.py", "config"),
        ("bookmarks/__init__.py", "config"),
        ("manage.py", "config"),
        ("bookmarks/management/commands/seed_demo.py", "demo data"),
        ("tests/test_views.py", "tests"),
        ("accounts/tests.py", "tests"),
        ("README.md", None),
    ],
)
def test_each_file_has_its_concern(relative, expected):
    assert codecount.concern(relative) == expected


def test_comments_and_blank_lines_do_not_count():
    text = "# a comment\n\nx = 1  # counted\n   \n{# template comment #}\n<p>hi</p>\n"
    assert codecount.code_lines(text) == ["x = 1  # counted", "<p>hi</p>"]


def test_lines_the_tool_wrote_count_once_whatever_the_quotes():
    tool = ["import os", "DEBUG = True", "X = 'a'"]
    mine = ["import os", "import os", 'X = "a"', "DEBUG = False"]
    # One "import os" is the tool's; the second is yours; quotes don't matter.
    assert codecount.split(mine, tool) == (2, 2)


def test_migrations_are_generated_and_flask_routes_are_routing():
    migration = codecount.count_file(
        "bookmarks/migrations/0001_initial.py", "a = 1\nb = 2\n", None, flask=False
    )
    assert migration == {("models", "generated"): 2}
    views = '@bp.route("/")\ndef index():\n    return "hi"\n'
    counts = codecount.count_file("bookmarks/views.py", views, None, flask=True)
    assert counts == {("routing", "written"): 1, ("views", "written"): 2}


@pytest.fixture(scope="module")
def scaffolds():
    return {track: codecount.scaffold(track) for track in paths.TRACKS}


def test_scaffold_runs_each_tracks_tools(scaffolds):
    assert {"manage.py", "mysite/settings.py", "accounts/apps.py"} <= set(
        scaffolds["django"]
    )
    assert {"migrations/env.py", "migrations/alembic.ini"} <= set(scaffolds["flask"])
    assert "app.py" not in scaffolds["flask"], "only the tool's files"


@pytest.mark.parametrize("track", paths.TRACKS)
def test_every_file_of_a_finished_app_is_counted(track, scaffolds):
    app = paths.snapshot_dirs(track, ROOT)[-1]
    counts = codecount.count_app(app, scaffolds[track])
    counted = set(counts["files"])
    uncounted = {
        name
        for name in paths.source_files(app)
        if name not in counted and not name.endswith(".md")
    }
    assert not uncounted, f"no concern for {uncounted}"
    assert codecount.total(counts, "written") > 0
    assert counts["concerns"]["models"]["generated"] > 0, "migrations are generated"


def test_comparison_part_reads_from_setup_to_choice():
    order = [p.name for p in nav.course_order(ROOT) if p.name.startswith("99_")]
    assert order[:2] == ["99_compare_setup.ipynb", "99_compare.ipynb"]
    assert order[-1] == "99_compare_choose.ipynb"
    middle = order[2:-1]
    assert middle == sorted(middle) and "99_compare_async.ipynb" in middle
