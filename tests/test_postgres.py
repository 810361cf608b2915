"""The finished apps on a real PostgreSQL, chosen by configuration only.

A throwaway server (coursekit.measure.postgres) runs on loopback in a temporary
folder for this module. On it run:
- each finished app's own suite, through ``TEST_DATABASE_URL``;
- the parity suite (tests/parity) against each finished app, started with
  ``DATABASE_URL`` naming a fresh database there, migrated the app's own way.
Each test checks that rows really reached PostgreSQL, so an app that ignored the
variable and quietly used SQLite would fail.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from coursekit import measure, paths

ROOT = paths.course_root()
# One server for the module: its tests run one after another in one worker.
pytestmark = pytest.mark.xdist_group("postgres")


@pytest.fixture(scope="module")
def server():
    if measure.postgres_bindir() is None:
        if os.environ.get("CI") == "1":
            pytest.fail(measure.INSTALL_POSTGRES)
        pytest.skip(measure.INSTALL_POSTGRES)
    with measure.postgres() as pg:
        yield pg


def run_suite(argv, cwd, env, pg, timeout=900):
    """Run a test suite in its own process; return its output once it passed
    and wrote rows to PostgreSQL."""
    before = pg.rows_inserted()
    result = subprocess.run(
        argv,
        cwd=cwd,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **env},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-5000:]
    inserted = pg.rows_inserted() - before
    assert inserted > 0, "the suite passed without writing to PostgreSQL"
    return output


def test_server_is_postgres_on_loopback(server):
    with server.connect() as conn:
        version = conn.execute("SHOW server_version").fetchone()[0]
        address = conn.execute("SHOW listen_addresses").fetchone()[0]
    assert re.match(r"\d+", version)
    assert address == "127.0.0.1"


def test_django_app_own_suite_on_postgres(server):
    url = server.create_database("django_suite")
    # --keepdb: the test database stays until the server goes, so the check
    # below can still see its statistics.
    output = run_suite(
        [sys.executable, "manage.py", "test", "--keepdb", "--noinput", "-v", "1"],
        measure.finished_app("django", ROOT),
        {"TEST_DATABASE_URL": url},
        server,
    )
    assert re.search(r"Ran \d+ tests?", output) and "OK" in output


def test_flask_app_own_suite_on_postgres(server):
    url = server.create_database("flask_suite")
    output = run_suite(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        measure.finished_app("flask", ROOT),
        {"TEST_DATABASE_URL": measure.database_url("flask", url)},
        server,
    )
    assert re.search(r"\d+ passed", output) and " failed" not in output


@pytest.mark.parametrize("framework", paths.TRACKS)
def test_parity_suite_on_postgres(server, framework):
    """The app's contract holds on PostgreSQL too (tests/parity makes the app's
    database on the server it is given and resets it before each test)."""
    before = server.tables()
    output = run_suite(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/parity",
        ],
        ROOT,
        {
            "PARITY_APP": str(measure.finished_app(framework, ROOT)),
            "PARITY_POSTGRES_URL": server.url(),
        },
        server,
    )
    assert re.search(r"\d+ passed", output) and " failed" not in output
    made = {
        name: tables for name, tables in server.tables().items() if name not in before
    }
    assert len(made) == 1, f"parity made these databases: {sorted(made)}"
    (tables,) = made.values()
    assert any("bookmark" in table for table in tables), f"its tables: {tables}"


def test_server_and_folder_are_gone_after_a_failure(server):
    """A second, short-lived server: stopped and removed even when the code using
    it fails."""
    import psycopg

    with pytest.raises(ValueError, match="on purpose"):
        with measure.postgres() as pg:
            folder, url = pg.folder, pg.url()
            assert (folder / "data" / "PG_VERSION").is_file()
            raise ValueError("on purpose")
    assert not folder.exists()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=5).close()
