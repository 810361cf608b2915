"""The live app through a real Jupyter server and jupyter-server-proxy.

This is the path a browser takes on Binder or JupyterHub: the notebook server's
``/proxy/absolute/PORT/`` route, with the app mounted under that prefix. Pages,
static files, form actions, CSRF-protected POSTs and redirects must all work.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from coursekit import paths, server

TOKEN = "course-test-token"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def jupyter(tmp_path, free_port):
    port = free_port()
    jupyter = Path(sys.executable).with_name("jupyter")
    process = subprocess.Popen(
        [
            str(jupyter),
            "server",
            "--no-browser",
            "--allow-root",
            f"--port={port}",
            f"--ServerApp.token={TOKEN}",
            f"--ServerApp.root_dir={tmp_path}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                request = urllib.request.Request(
                    base + "/api/status", headers={"Authorization": f"token {TOKEN}"}
                )
                urllib.request.urlopen(request, timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("the Jupyter server did not start")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)
        server.stop()


def test_flask_app_through_jupyter_server_proxy(
    jupyter, tmp_path, monkeypatch, free_port
):
    project = shutil.copytree(paths.snapshot_dirs("flask")[-1], tmp_path / "app")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"}
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "bookmarks", "db", "upgrade"],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
    )
    monkeypatch.setenv("DATABASE_URL", env["DATABASE_URL"])
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/")
    monkeypatch.syspath_prepend(str(project))
    # Other tests import other packages named `bookmarks`: start from none.
    for name in [m for m in sys.modules if m.split(".")[0] == "bookmarks"]:
        monkeypatch.delitem(sys.modules, name)
    from bookmarks import create_app

    link = server.serve(create_app(), free_port(), quiet=True)
    assert re.fullmatch(r"/proxy/absolute/\d+/", link)

    auth = {"Authorization": f"token {TOKEN}"}
    cookies = urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    browser = urllib.request.build_opener(cookies, NoRedirect)
    page = browser.open(
        urllib.request.Request(jupyter + link + "accounts/register/", headers=auth)
    )
    html = page.read().decode()
    stylesheet = re.search(r'href="([^"]+\.css)"', html).group(1)
    assert stylesheet.startswith(link), "static files are linked under the proxy path"
    css = browser.open(urllib.request.Request(jupyter + stylesheet, headers=auth))
    assert css.status == 200
    actions = re.findall(r'action="([^"]*)"', html)
    assert actions and all(a.startswith(link) for a in actions if a), actions

    token = re.search(
        r'id="csrf_token" name="csrf_token" type="hidden" value="([^"]+)"', html
    ).group(1)
    form = f"csrf_token={token}&username=proxyuser&password1=a+long+password+42"
    form += "&password2=a+long+password+42"
    with pytest.raises(urllib.error.HTTPError) as redirect:
        browser.open(
            urllib.request.Request(
                jupyter + link + "accounts/register/", data=form.encode(), headers=auth
            )
        )
    assert redirect.value.code == 302, "registration through the proxy"
    assert redirect.value.headers["Location"] == link, "the redirect keeps the prefix"
