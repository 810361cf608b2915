"""Django in a kernel: real settings files, ORM calls under a running event loop."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SETTINGS = """
SECRET_KEY = "test"
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
ROOT_URLCONF = "mysite.urls"
USE_TZ = True
"""

SCRIPT = """
import asyncio, sys
from coursekit import django_setup

project, other = sys.argv[1], sys.argv[2]


async def in_a_kernel_cell():
    # A notebook cell runs while the kernel's event loop is running.
    settings = django_setup(project)
    assert settings.ROOT_URLCONF == "mysite.urls"
    assert django_setup(project) is settings, "a second call must be harmless"
    from django.contrib.auth.models import User
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    User.objects.create_user("ada", password="pw")
    assert User.objects.count() == 1
    try:
        django_setup(other)
    except RuntimeError as error:
        assert "Restart the kernel" in str(error)
    else:
        raise AssertionError("switching projects must be refused")
    print("ok")


asyncio.run(in_a_kernel_cell())
"""


def make_project(folder):
    (folder / "mysite").mkdir(parents=True)
    (folder / "mysite" / "__init__.py").write_text("")
    (folder / "mysite" / "settings.py").write_text(SETTINGS)
    (folder / "mysite" / "urls.py").write_text("urlpatterns = []\n")
    return folder


def test_django_setup_in_a_running_event_loop(tmp_path):
    project = make_project(tmp_path / "one")
    other = make_project(tmp_path / "two")
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(SCRIPT), str(project), str(other)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_without_the_flag_django_refuses(tmp_path):
    """Why the helper sets DJANGO_ALLOW_ASYNC_UNSAFE: the plain set-up fails."""
    project = make_project(tmp_path / "one")
    script = textwrap.dedent(
        """
        import asyncio, os, sys
        sys.path.insert(0, sys.argv[1])
        os.environ["DJANGO_SETTINGS_MODULE"] = "mysite.settings"
        import django
        django.setup()
        from django.contrib.auth.models import User
        from django.core.exceptions import SynchronousOnlyOperation

        async def cell():
            try:
                User.objects.count()
            except SynchronousOnlyOperation:
                print("refused")

        asyncio.run(cell())
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(project)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin"},
    )
    assert result.stdout.strip() == "refused", result.stderr
