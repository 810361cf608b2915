"""Catch-up prepares a lesson's workspace and never loses the learner's work."""

from __future__ import annotations

import pytest
from IPython.core.error import UsageError

from coursekit import catch_up, magics


def read(path):
    return path.read_text()


def test_lesson_one_starts_empty(fake_course, capsys):
    ws = catch_up("flask", 1)
    assert ws.path == fake_course / "workspace" / "flask"
    assert list(ws.path.iterdir()) == []
    assert "empty project" in capsys.readouterr().out


def test_copies_previous_step(fake_course):
    ws = catch_up("flask", 2)
    assert read(ws.path / "bookmarks" / "__init__.py") == "VERSION = 1\n"
    assert not (ws.path / "bookmarks" / "forms.py").exists()


def test_rerun_is_a_no_op(fake_course, capsys):
    catch_up("flask", 2)
    capsys.readouterr()
    catch_up("flask", 2)
    assert "is ready" in capsys.readouterr().out
    assert not (fake_course / "workspace" / ".backups").exists()


def test_moving_back_removes_later_course_files_without_backup(fake_course):
    catch_up("flask", 3)  # the app as of step 2
    ws = catch_up("flask", 2)
    assert not (ws.path / "bookmarks" / "forms.py").exists()
    assert read(ws.path / "bookmarks" / "__init__.py") == "VERSION = 1\n"
    # Those files were the course's own (step 2), so nothing needed a backup.
    assert not (fake_course / "workspace" / ".backups").exists()


def test_learner_edits_are_backed_up_and_reported(fake_course, capsys):
    ws = catch_up("flask", 2)
    (ws.path / "bookmarks" / "__init__.py").write_text("VERSION = 'mine'\n")
    (ws.path / "bookmarks" / "extra.py").write_text("MINE = True\n")
    capsys.readouterr()

    catch_up("flask", 2)

    out = capsys.readouterr().out
    assert "changed 2 file(s)" in out
    backups = list((fake_course / "workspace" / ".backups").iterdir())
    assert len(backups) == 1
    assert read(backups[0] / "bookmarks" / "__init__.py") == "VERSION = 'mine'\n"
    assert read(backups[0] / "bookmarks" / "extra.py") == "MINE = True\n"
    assert str(backups[0].name) in out
    # The workspace itself is back to the snapshot.
    assert read(ws.path / "bookmarks" / "__init__.py") == "VERSION = 1\n"
    assert not (ws.path / "bookmarks" / "extra.py").exists()


def test_keep_leaves_everything_alone(fake_course):
    ws = catch_up("flask", 2)
    (ws.path / "bookmarks" / "__init__.py").write_text("VERSION = 'mine'\n")
    catch_up("flask", 3, keep=True)
    assert read(ws.path / "bookmarks" / "__init__.py") == "VERSION = 'mine'\n"
    assert not (fake_course / "workspace" / ".backups").exists()


def test_runtime_files_survive_catch_up(fake_course):
    ws = catch_up("flask", 2)
    (ws.path / "instance").mkdir()
    (ws.path / "instance" / "bookmarks.sqlite").write_text("data")
    catch_up("flask", 3)
    assert read(ws.path / "instance" / "bookmarks.sqlite") == "data"


def test_missing_snapshot_says_how_to_fix(fake_course):
    with pytest.raises(FileNotFoundError, match="make snapshots"):
        catch_up("flask", 9)


def test_unknown_track(fake_course):
    with pytest.raises(ValueError, match="track"):
        catch_up("rails", 1)


def test_reload_imports_the_new_code(fake_course):
    ws = catch_up("flask", 2)
    assert ws.reload("bookmarks").VERSION == 1
    (ws.path / "bookmarks" / "__init__.py").write_text("VERSION = 5\n")
    assert ws.reload("bookmarks").VERSION == 5


def test_listing_backs_up_a_learner_edit_before_overwriting(fake_course, capsys):
    ws = catch_up("flask", 2)
    (ws.path / "bookmarks" / "__init__.py").write_text("VERSION = 'mine'\n")
    magics.write_listing(ws.path, "bookmarks/__init__.py", "VERSION = 2\n", "flask")
    assert read(ws.path / "bookmarks" / "__init__.py") == "VERSION = 2\n"
    assert "was saved in" in capsys.readouterr().out
    (backup,) = (fake_course / "workspace" / ".backups").iterdir()
    assert read(backup / "bookmarks" / "__init__.py") == "VERSION = 'mine'\n"


def test_listing_over_course_content_needs_no_backup(fake_course):
    ws = catch_up("flask", 2)
    magics.write_listing(ws.path, "bookmarks/__init__.py", "VERSION = 2\n", "flask")
    assert not (fake_course / "workspace" / ".backups").exists()


@pytest.mark.parametrize(
    "source, expected",
    [
        ("%%listing bookmarks/views.py\nx = 1", ("bookmarks/views.py", "x = 1\n")),
        ("%%listing README.md\n# Hi\n", ("README.md", "# Hi\n")),
        ("print('not a listing')", None),
        ("%listing pkg/__init__.py", ("pkg/__init__.py", "")),
        ("%listing pkg/__init__.py\n", ("pkg/__init__.py", "")),
        ("%%listing empty.py\n", ("empty.py", "")),
    ],
)
def test_parse_listing(source, expected):
    assert magics.parse_listing(source) == expected


@pytest.mark.parametrize(
    "source", ["%%listing ../escape.py\n", "%%listing /etc/passwd\n", "%%listing a b\n"]
)
def test_parse_listing_rejects_bad_paths(source):
    with pytest.raises(ValueError):
        magics.parse_listing(source)


def test_parse_commands():
    argvs = magics.parse_commands("# set up\n%flask db init\n%manage migrate --noinput")
    assert argvs[0][-5:] == ["flask", "--app", "bookmarks", "db", "init"]
    assert argvs[1][-3:] == ["manage.py", "migrate", "--noinput"]
    with pytest.raises(ValueError, match="Not a course command"):
        magics.parse_commands("!rm -rf /")


def test_magics_in_a_real_kernel(fake_course):
    """The magics registered by catch_up write files and run commands."""
    from IPython.testing.globalipapp import get_ipython

    shell = get_ipython()
    ws = catch_up("flask", 2)
    shell.run_cell_magic("listing", "bookmarks/new.py", "NEW = 1\n")
    assert read(ws.path / "bookmarks" / "new.py") == "NEW = 1\n"
    shell.run_line_magic("listing", "pkg/__init__.py")
    assert read(ws.path / "pkg" / "__init__.py") == ""
    with pytest.raises(UsageError, match="failed"):
        shell.run_line_magic("flask", "no-such-command")


def test_remove_magic_backs_up_learner_work(fake_course):
    from IPython.testing.globalipapp import get_ipython

    shell = get_ipython()
    ws = catch_up("flask", 3)
    shell.run_line_magic("remove", "bookmarks/forms.py")  # course content: no backup
    assert not (ws.path / "bookmarks" / "forms.py").exists()
    assert not (fake_course / "workspace" / ".backups").exists()
    (ws.path / "README.md").write_text("my notes\n")
    shell.run_line_magic("remove", "README.md")
    (backup,) = (fake_course / "workspace" / ".backups").iterdir()
    assert read(backup / "README.md") == "my notes\n"


def test_parse_removals():
    assert magics.parse_removals("%remove a.py\n%remove b/c.py") == ["a.py", "b/c.py"]
    assert magics.parse_removals("%remove a.py\nprint(1)") is None
    with pytest.raises(ValueError):
        magics.parse_removals("%remove ../x.py")


def test_folders_left_with_only_caches_are_removed(fake_course):
    ws = catch_up("flask", 3)
    cache = ws.path / "migrations" / "versions" / "__pycache__"
    cache.mkdir(parents=True)
    (cache / "x.cpython-311.pyc").write_bytes(b"")
    (ws.path / "migrations" / "versions" / "0001.py").write_text("# mine\n")
    catch_up("flask", 3)
    assert not (ws.path / "migrations").exists()


def test_rewriting_listing_shows_what_changed(fake_course, capsys):
    from IPython.testing.globalipapp import get_ipython

    shell = get_ipython()
    catch_up("flask", 2)
    shell.run_cell_magic("listing", "bookmarks/new.py", "A = 1\nB = 2\n")
    assert "Changed" not in capsys.readouterr().out, "nothing extra for a new file"
    shell.run_cell_magic("listing", "bookmarks/new.py", "A = 1\nB = 3\n")
    out = capsys.readouterr().out
    assert "Changed lines against the previous version: 2" in out
    assert "-B = 2" in out and "+B = 3" in out and "bookmarks/new.py (before)" in out
    shell.run_cell_magic("listing", "bookmarks/new.py", "A = 1\nB = 3\n")
    assert "Changed" not in capsys.readouterr().out, "a re-run changes nothing"


def test_long_diffs_are_collapsed_and_trimmed(monkeypatch):
    import IPython
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython, "get_ipython", lambda: type("K", (), {"kernel": 1}))
    monkeypatch.setattr(IPython.display, "display", lambda d, raw: shown.append(d))
    short = magics.listing_diff("a\n", "b\n", "x.py")
    magics.show_diff(short)
    old = "".join(f"line {i}\n" for i in range(400))
    magics.show_diff(magics.listing_diff(old, old.replace("line", "LINE"), "x.py"))
    assert shown[0]["text/html"].startswith("<details open>")
    assert shown[1]["text/html"].startswith("<details>"), "a long diff starts closed"
    assert "more lines" in shown[1]["text/plain"]
    assert shown[1]["text/plain"].count("\n") < magics.DIFF_LINES_MAX + 5


FLASK_APP = """
from flask import Flask
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


def create_app():
    app = Flask(__name__, instance_relative_config=True)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///db.sqlite3"
    db.init_app(app)
    Migrate(app, db)
    return app
"""


def test_flask_db_init_can_be_rerun_and_is_explained(fake_course, capsys):
    from IPython.testing.globalipapp import get_ipython

    shell = get_ipython()
    ws = catch_up("flask", 2)
    (ws.path / "bookmarks" / "__init__.py").write_text(FLASK_APP)
    shell.run_line_magic("flask", "db init")
    first = capsys.readouterr().out
    assert (ws.path / "migrations" / "alembic.ini").is_file()
    assert "alembic.ini needs no edit" in first, "Alembic's reminder is explained"
    assert str(ws.path) not in first, "paths are shown relative to the workspace"
    shell.run_line_magic("flask", "db init")
    assert "ran before" in capsys.readouterr().out


def test_a_command_already_done_is_not_an_error(tmp_path, capsys):
    import sys

    script = "print('CommandError: Error: That username is already taken.'); exit(1)"
    argv = [sys.executable, "-c", script, "createsuperuser"]
    magics.run_course_command(argv, tmp_path)
    assert "exists already" in capsys.readouterr().out
    with pytest.raises(magics.CommandFailed):
        magics.run_course_command([sys.executable, "-c", "exit(3)"], tmp_path)
