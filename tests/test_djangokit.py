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


BEHIND_HUB = """
import http.cookiejar, re, sys, urllib.error, urllib.request
from coursekit import django_setup, serve

from coursekit import live_app

django_setup(sys.argv[1])
from django.test import Client

# The kernel's own test Client renders a page first: its STATIC_URL has no prefix.
assert 'href="/static/' in Client().get("/accounts/login/").content.decode()
port = int(sys.argv[2])
serve(live_app(), port, quiet=True)
base = f"http://127.0.0.1:{port}/user/ada/proxy/absolute/{port}"
hub = {"Host": "hub.example"}
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

page = opener.open(urllib.request.Request(base + "/accounts/login/", headers=hub))
html = page.read().decode()
assert f'href="/user/ada/proxy/absolute/{port}/static/' in html, "static under prefix"
css = re.search(r'href="([^"]+[.]css)"', html).group(1)
assert opener.open(urllib.request.Request("http://127.0.0.1:" + str(port) + css,
                                          headers=hub)).status == 200, "stylesheet"
assert 'href="/static/' in Client().get("/accounts/login/").content.decode()
token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
form = f"csrfmiddlewaretoken={token}&username=nobody&password=wrong".encode()
post = urllib.request.Request(
    base + "/accounts/login/",
    data=form,
    headers={**hub, "Origin": "https://hub.example",
             "Referer": "https://hub.example/user/ada/"},
)
try:
    answer = opener.open(post)
except urllib.error.HTTPError as error:
    raise SystemExit(f"POST behind the proxy refused: {error.code}")
assert answer.status == 200 and "csrfmiddlewaretoken" in answer.read().decode()
print("ok")
"""


def test_django_live_app_behind_jupyterhub(tmp_path, free_port):
    """ALLOWED_HOSTS, CSRF and static URLs work through jupyter-server-proxy."""
    import os
    import shutil

    from coursekit import paths

    steps = paths.snapshot_dirs("django")
    assert steps, "the Django track has no snapshots"
    project = shutil.copytree(steps[-1], tmp_path / "project")
    port = free_port()
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=project, timeout=120
    )
    assert migrate.returncode == 0
    env = {**os.environ, "JUPYTERHUB_SERVICE_PREFIX": "/user/ada/"}
    result = subprocess.run(
        [sys.executable, "-c", BEHIND_HUB, str(project), str(port)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


RELOAD = """
import sys
from pathlib import Path
from coursekit import django_setup

project = Path(sys.argv[1])
django_setup(project)
from django.test import Client

assert Client().get("/").content == b"one"
(project / "mysite" / "views.py").write_text(
    "from django.http import HttpResponse\\n\\n\\ndef home(request):\\n"
    "    return HttpResponse('two')\\n"
)
django_setup(project)
assert Client().get("/").content == b"two", "an edited view must be served"
print("ok")
"""


def test_second_setup_picks_up_edited_views(tmp_path):
    project = make_project(tmp_path / "one")
    (project / "mysite" / "views.py").write_text(
        "from django.http import HttpResponse\n\n\ndef home(request):\n"
        "    return HttpResponse('one')\n"
    )
    (project / "mysite" / "urls.py").write_text(
        "from django.urls import path\n\nfrom . import views\n\n"
        "urlpatterns = [path('', views.home)]\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", RELOAD, str(project)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


QUIET = """
import sys, urllib.error, urllib.request
from coursekit import django_setup, live_app, serve
from coursekit.server import show_log

django_setup(sys.argv[1])
url = serve(live_app(), int(sys.argv[2]), quiet=True)
try:
    urllib.request.urlopen(url + "no-such-page/")
except urllib.error.HTTPError as error:
    assert error.code == 404
show_log()
"""


def test_django_live_app_logs_stay_out_of_the_cell(tmp_path, free_port):
    """Django's own "Not Found" warning goes to the app's log, not to the cell."""
    import shutil

    from coursekit import paths

    project = shutil.copytree(paths.snapshot_dirs("django")[-1], tmp_path / "project")
    result = subprocess.run(
        [sys.executable, "-c", QUIET, str(project), str(free_port())],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", "nothing printed while the app served a request"
    assert "Not Found: /no-such-page/" in result.stdout  # in show_log()'s output
    assert "GET /no-such-page/ HTTP/1.1 -> 404" in result.stdout
