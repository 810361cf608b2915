"""The live apps as on JupyterHub or Binder: only through the notebook server.

This Lab is started the way a hub starts a learner's server: under a prefix
(``--ServerApp.base_url``) with ``JUPYTERHUB_SERVICE_PREFIX`` set to it. The browser
then reaches the live app only through jupyter-server-proxy's
``{prefix}proxy/absolute/PORT/``, and every link, form, redirect and stylesheet of
the app must keep that prefix.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from coursekit.lab import free_port

from .app_ui import register_and_keep_a_private_bookmark, start_live_app
from .lab_server import start_lab, stop

PREFIX = "/user/learner/"


@pytest.fixture(scope="module")
def hub_lab(tmp_path_factory, chromium_browser):
    process, running = start_lab(
        tmp_path_factory.mktemp("hub-lab"),
        free_port(),
        extra=[f"--ServerApp.base_url={PREFIX}"],
        env_extra={"JUPYTERHUB_SERVICE_PREFIX": PREFIX},
    )
    yield running
    stop(process)


@pytest.mark.parametrize("track", ["flask", "django"])
def test_live_app_through_the_hub_prefix(track, hub_lab, chromium_browser):
    contexts = []

    def new_page(**options):
        made = chromium_browser.new_context(
            viewport={"width": 1400, "height": 900}, **options
        )
        made.set_default_timeout(60_000)
        contexts.append(made)
        return made.new_page()

    try:
        live = start_live_app(new_page(), hub_lab, track)
        path = urlsplit(live.url).path
        assert re.fullmatch(rf"{PREFIX}proxy/absolute/\d+/", path), live.url
        stylesheet = live.app_page.locator("link[rel=stylesheet]").first
        assert stylesheet.get_attribute("href").startswith(path)
        # A stranger to the app, but signed in to the notebook server (on a hub,
        # nobody else reaches the proxy at all).
        auth = {"Authorization": f"token {hub_lab.token}"}
        register_and_keep_a_private_bookmark(live, new_page(extra_http_headers=auth))
    finally:
        for made in contexts:
            made.close()
