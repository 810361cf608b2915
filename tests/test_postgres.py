"""The finished apps on a real PostgreSQL, chosen by configuration only.

A throwaway server (coursekit.measure.postgres) runs on loopback in a temporary
folder for this module. The Django app's own suite runs against it through
``TEST_DATABASE_URL``, and the test checks that rows really reached PostgreSQL, so
an app that ignored the variable and quietly used SQLite would fail. (The Flask
suite's fixtures are SQLite-only so far: explicit ids that PostgreSQL's sequences do
not follow; its pages are measured on PostgreSQL by 99_compare_databases.)
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from coursekit import measure, paths

ROOT = paths.course_root()


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
