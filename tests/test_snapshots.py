"""Snapshots are generated from the lessons, and each one passes its own tests."""

from __future__ import annotations

import shutil
import subprocess
import sys

import nbformat
import pytest

from coursekit import paths, snapshots

ROOT = paths.course_root()
FLASK_STEPS = paths.snapshot_dirs("flask", ROOT)
DJANGO_STEPS = paths.snapshot_dirs("django", ROOT)


def run(argv, cwd, **env):
    import os

    return subprocess.run(
        argv,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **env},
    )


def pins(lines: list[str]) -> dict[str, str]:
    """name -> version of ``name==version`` lines (comments skipped)."""
    pairs = (line.split("==") for line in lines if "==" in line and "#" not in line)
    return {name.strip().lower(): version.strip() for name, version in pairs}


@pytest.mark.slow
def test_snapshots_match_the_lessons():
    problems = snapshots.check(ROOT)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("step", FLASK_STEPS, ids=lambda p: p.name)
def test_flask_snapshot_own_tests_pass(step):
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=step,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout


@pytest.mark.parametrize("step", DJANGO_STEPS, ids=lambda p: p.name)
def test_django_snapshot_own_tests_pass(step):
    result = run([sys.executable, "manage.py", "test", "-v", "1"], step)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    assert "OK" in result.stderr


@pytest.mark.parametrize(
    "step",
    [s for s in DJANGO_STEPS if (s / "bookmarks" / "migrations").is_dir()],
    ids=lambda p: p.name,
)
def test_django_migrations_match_the_models(step):
    result = run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"], step
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


@pytest.mark.parametrize(
    "step",
    [s for s in FLASK_STEPS if (s / "migrations").is_dir()],
    ids=lambda p: p.name,
)
def test_flask_migrations_match_the_models(step, tmp_path):
    copy = tmp_path / step.name
    shutil.copytree(step, copy)
    flask = [sys.executable, "-m", "flask", "--app", "bookmarks"]
    upgrade = run([*flask, "db", "upgrade"], copy)
    assert upgrade.returncode == 0, upgrade.stderr
    check = run([*flask, "db", "check"], copy)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No new upgrade operations detected" in check.stdout + check.stderr


def test_finished_flask_app_pins_match_the_course():
    """The app's requirements.txt repeats the course pins: they must agree."""
    course = pins(paths.pinned_requirements(ROOT))
    app = pins((FLASK_STEPS[-1] / "requirements.txt").read_text().splitlines())
    assert app, "requirements.txt lists no pins"
    assert {name: course.get(name) for name in app} == app


def test_finished_django_app_pins_match_the_course():
    """Django's requirements.txt pins what the app needs at the course's versions."""
    course = pins(paths.pinned_requirements(ROOT))
    app = pins((DJANGO_STEPS[-1] / "requirements.txt").read_text().splitlines())
    assert {"django", "gunicorn", "whitenoise", "dj-database-url"} <= set(app)
    assert {name: course.get(name) for name in app} == app


def test_finished_flask_app_has_a_readme():
    readme = (FLASK_STEPS[-1] / "README.md").read_text()
    for command in (
        "flask --app bookmarks run",
        "db upgrade",
        "create-staff",
        "seed-demo",
    ):
        assert command in readme


def test_replay_writes_listings_in_order_and_skips_other_cells(tmp_path, capsys):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("from coursekit import catch_up"),
        nbformat.v4.new_code_cell("%%listing app/a.py\nA = 1\n"),
        nbformat.v4.new_code_cell("%%listing app/a.py\nA = 2\n"),
        nbformat.v4.new_code_cell("%%listing app/old.py\nOLD = 1\n"),
        nbformat.v4.new_code_cell("%remove app/old.py"),
        nbformat.v4.new_code_cell("%flask db upgrade"),  # not tagged: not replayed
        nbformat.v4.new_markdown_cell("%%listing nope.py\n"),
    ]
    path = tmp_path / "01_demo.ipynb"
    nbformat.write(nb, path)
    out = tmp_path / "out"
    out.mkdir()
    snapshots.replay_lesson(path, out)
    assert paths.source_files(out) == {"app/a.py": out / "app" / "a.py"}
    assert (out / "app" / "a.py").read_text() == "A = 2\n"
    assert capsys.readouterr().out == "", "replay shows no listing diffs"


def test_compare_reports_each_kind_of_drift(tmp_path):
    built, committed = tmp_path / "built" / "step01_x", tmp_path / "repo" / "step01_x"
    for folder in (built, committed):
        folder.mkdir(parents=True)
    (built / "same.py").write_text("x = 1\n")
    (committed / "same.py").write_text("x = 1\n")
    (built / "changed.py").write_text("new\n")
    (committed / "changed.py").write_text("old\n")
    (built / "new.py").write_text("")
    (committed / "stale.py").write_text("")
    problems = "\n".join(snapshots.compare(built, committed))
    assert "changed.py differs" in problems
    assert "new.py: missing" in problems
    assert "stale.py: not written by any lesson" in problems
    assert "same.py" not in problems


# --- The contract's commands and production settings (docs/app-spec.md) ------------
FINISHED = {"flask": FLASK_STEPS[-1], "django": DJANGO_STEPS[-1]}
SERVE = {
    "flask": [sys.executable, "-m", "flask", "--app", "bookmarks", "run", "--port"],
    "django": [sys.executable, "manage.py", "runserver", "--noreload"],
}


@pytest.mark.parametrize("track", ["flask", "django"])
def test_c1_c2_c3_finished_app_runs_with_its_framework_command(
    track, tmp_path, free_port
):
    """C1 runs from its folder; C2 migrations create the tables; C3 staff + demo."""
    import time
    import urllib.request

    project = shutil.copytree(FINISHED[track], tmp_path / "app")
    if track == "flask":
        flask = [sys.executable, "-m", "flask", "--app", "bookmarks"]
        commands = [
            [*flask, "db", "upgrade"],
            [*flask, "create-staff", "boss", "--password", "a long staff password"],
            [*flask, "seed-demo"],
        ]
        env = {}
    else:
        manage = [sys.executable, "manage.py"]
        commands = [
            [*manage, "migrate", "-v", "0"],
            [
                *manage,
                "createsuperuser",
                "--noinput",
                "--username",
                "boss",
                "--email",
                "boss@example.org",
            ],
            [*manage, "seed_demo"],
        ]
        env = {"DJANGO_SUPERUSER_PASSWORD": "a long staff password"}
    for argv in commands:
        result = run(argv, project, **env)
        assert result.returncode == 0, f"{argv[2:]}: {result.stdout}{result.stderr}"

    port = free_port()
    argv = (
        [*SERVE[track], str(port)]
        if track == "flask"
        else [*SERVE[track], f"127.0.0.1:{port}"]
    )
    server = subprocess.Popen(
        argv, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/", timeout=2
                ) as r:
                    page = r.read().decode()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError(f"{track}: the development server never answered")
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert "/bookmarks/" in page, "C3: the demo bookmarks are listed on the home page"


@pytest.mark.parametrize("key", ["", "dev", "x" * 49])
def test_s6_flask_production_config_refuses_to_start_without_secrets(key):
    """S6: production settings come from the environment, or the app stops."""
    script = (
        "from bookmarks import create_app\n"
        "try:\n    create_app()\nexcept RuntimeError as error:\n    print(error)\n"
    )
    env = {"BOOKMARKS_ENV": "production", "SECRET_KEY": key, "DATABASE_URL": ""}
    result = run([sys.executable, "-c", script], FINISHED["flask"], **env)
    assert "SECRET_KEY" in result.stdout, result.stdout + result.stderr


# Starts each finished app's production settings; prints why they refused.
HOST_NAMES_PROBE = {
    "flask": """
from bookmarks import config
try:
    config.production()
except RuntimeError as error:
    print(error)
""",
    "django": """
import django
from django.core.exceptions import ImproperlyConfigured
try:
    django.setup()
except ImproperlyConfigured as error:
    print(error)
""",
}


@pytest.mark.parametrize("track", ["flask", "django"])
def test_s13_production_refuses_to_start_without_host_names(track):
    """S13: the host names come from the environment, or the app stops."""
    key = "k" * 20 + "-a-long-random-production-secret-key-0123456789"
    variable = {"flask": "TRUSTED_HOSTS", "django": "DJANGO_ALLOWED_HOSTS"}[track]
    env = {
        "SECRET_KEY": key,
        "DJANGO_SECRET_KEY": key,
        "DJANGO_SETTINGS_MODULE": "mysite.settings_production",
        "DATABASE_URL": "sqlite:///unused.sqlite3",
        variable: " , ",  # set, but no name in it
    }
    result = run(
        [sys.executable, "-c", HOST_NAMES_PROBE[track]], FINISHED[track], **env
    )
    assert variable in result.stdout, result.stdout + result.stderr


@pytest.mark.parametrize(
    "step",
    [s for s in DJANGO_STEPS if (s / "mysite" / "settings_production.py").exists()],
    ids=lambda p: p.name,
)
def test_s6_django_check_deploy_is_clean(step):
    """S6: `check --deploy` is clean with the production settings."""
    env = {
        "DJANGO_SETTINGS_MODULE": "mysite.settings_production",
        "DJANGO_SECRET_KEY": "x" * 20
        + "-a-long-random-production-secret-key-0123456789",
        "DJANGO_ALLOWED_HOSTS": "bookmarks.example.org",
        "DATABASE_URL": "sqlite:///unused.sqlite3",  # required from step 08
    }
    result = run([sys.executable, "manage.py", "check", "--deploy"], step, **env)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout


@pytest.mark.parametrize("track", ["flask", "django"])
def test_c4_finished_app_takes_its_database_from_database_url(track, tmp_path):
    """C4: DATABASE_URL names the database; requirements.txt pins every package."""
    import sqlite3

    project = shutil.copytree(FINISHED[track], tmp_path / "app")
    database = tmp_path / "elsewhere.sqlite3"
    migrate = {
        "flask": [sys.executable, "-m", "flask", "--app", "bookmarks", "db", "upgrade"],
        "django": [sys.executable, "manage.py", "migrate", "-v", "0"],
    }[track]
    result = run(migrate, project, DATABASE_URL=f"sqlite:///{database}")
    assert result.returncode == 0, result.stdout + result.stderr
    with sqlite3.connect(database) as connection:
        tables = {
            row[0] for row in connection.execute("SELECT name FROM sqlite_master")
        }
    assert any("bookmark" in table for table in tables), f"C4: tables {tables}"
    lines = (project / "requirements.txt").read_text().splitlines()
    packages = [line for line in lines if line.strip() and not line.startswith("#")]
    assert packages and all("==" in line for line in packages), f"C4: {packages}"


def test_django_admin_works_under_the_csp_in_a_real_browser(tmp_path, free_port):
    """S12: Django's admin needs no relaxed CSP. Its bulk action, delete
    confirmation, autocomplete and inline rows work in Chromium, with no
    Content-Security-Policy violation in the console."""
    import os
    import time
    import urllib.request

    from coursekit import browser

    if browser.chromium_path() is None:
        if os.environ.get("CI"):
            raise AssertionError(browser.INSTALL_HINT)
        pytest.skip(browser.INSTALL_HINT)
    from playwright.sync_api import expect, sync_playwright

    project = shutil.copytree(FINISHED["django"], tmp_path / "app")
    password = "a long staff password"
    manage = [sys.executable, "manage.py"]
    for argv in (
        [*manage, "migrate", "-v", "0"],
        [*manage, "createsuperuser", "--noinput", "--username", "boss"]
        + ["--email", "boss@example.org"],
        [*manage, "seed_demo"],
    ):
        result = run(argv, project, DJANGO_SUPERUSER_PASSWORD=password)
        assert result.returncode == 0, result.stdout + result.stderr
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    violations = []
    try:
        deadline = time.monotonic() + 60
        while True:  # wait until runserver answers
            try:
                urllib.request.urlopen(base + "/admin/login/", timeout=2).close()
                break
            except OSError:
                assert server.poll() is None, "runserver stopped"
                assert time.monotonic() < deadline, "runserver did not start"
                time.sleep(0.1)
        with sync_playwright() as playwright:
            chromium = browser.launch(playwright)
            page = chromium.new_page()
            page.on(
                "console",
                lambda m: (
                    violations.append(m.text)
                    if "Content Security Policy" in m.text
                    else None
                ),
            )
            page.goto(base + "/admin/login/")
            page.fill("#id_username", "boss")
            page.fill("#id_password", password)
            page.click("input[type=submit]")
            page.goto(base + "/admin/bookmarks/bookmark/")
            rows = page.locator("#result_list tbody tr").count()
            assert rows > 1, "the demo bookmarks are listed"
            page.check("#action-toggle")  # "select all": JavaScript
            page.select_option("select[name=action]", "make_private")
            page.click("button[name=index]")
            assert "made private" in page.locator(".messagelist").inner_text()
            page.locator("input.action-select").first.check()
            page.select_option("select[name=action]", "delete_selected")
            page.click("button[name=index]")
            page.click("input[type=submit]")  # the confirmation page's "Yes"
            assert "Successfully deleted" in page.locator(".messagelist").inner_text()
            expect(page.locator("#result_list tbody tr")).to_have_count(rows - 1)
            page.goto(base + "/admin/bookmarks/bookmark/add/")
            page.click(".field-owner .select2-selection")  # autocomplete: select2
            page.fill(".select2-search__field", "bo")
            page.locator(".select2-results__option", has_text="boss").click()
            page.fill("#id_url", "https://example.net/")
            page.fill("#id_title", "Added in the admin")
            page.click("input[name=_save]")
            assert "was added successfully" in page.locator(".messagelist").inner_text()
            page.goto(base + "/admin/bookmarks/tag/")
            page.locator("#result_list tbody th a").first.click()
            page.wait_for_url("**/change/")
            add_another = page.locator(".add-row a").first  # added by JavaScript
            add_another.wait_for()
            inline_rows = page.locator("tr.form-row").count()
            add_another.click()
            expect(page.locator("tr.form-row")).to_have_count(inline_rows + 1)
            chromium.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert not violations, violations
