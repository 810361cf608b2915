"""The live app: serve a WSGI app from a notebook cell without blocking it.

``app.run()`` blocks the cell, and its reloader cannot work inside a kernel, so the
course serves apps with werkzeug's server in a background thread. Re-running the
cell stops the previous server on that port first, so the port is freed and reused.

On JupyterHub and Binder the browser cannot reach ``localhost:PORT``;
jupyter-server-proxy forwards ``{JUPYTERHUB_SERVICE_PREFIX}proxy/absolute/PORT/...``
to the server *with the full path*, so the app is mounted at that prefix (as
``SCRIPT_NAME``) and its generated links, redirects, static files and form actions
all carry the prefix. The proxy passes the browser's ``Host`` header on but not the
scheme: the hub is served over HTTPS while the app sees plain HTTP, which breaks
Django's CSRF origin check. When the browser's own ``Origin`` (or ``Referer``) says
https for this very host, the request is marked as https, as ``X-Forwarded-Proto``
would do behind an ordinary reverse proxy.
"""

from __future__ import annotations

import html
import os
import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

from werkzeug.exceptions import NotFound
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.serving import BaseWSGIServer, make_server

DEFAULT_PORT = 5050  # not 5000: macOS uses that port for AirPlay
PORTS_TO_TRY = 20


@dataclass
class _Running:
    server: BaseWSGIServer
    thread: threading.Thread
    url: str


_running: dict[int, _Running] = {}


def proxy_prefix(port: int, environ: dict | None = None) -> str:
    """The path the app is served under: '' locally, the proxy path on a hub."""
    environ = os.environ if environ is None else environ
    service_prefix = environ.get("JUPYTERHUB_SERVICE_PREFIX")
    if not service_prefix:
        return ""
    parts = [service_prefix.strip("/"), "proxy", "absolute", str(port)]
    return "/" + "/".join(part for part in parts if part)


def public_url(port: int, environ: dict | None = None) -> str:
    """The link a learner clicks: relative to the hub page, or localhost."""
    prefix = proxy_prefix(port, environ)
    return f"{prefix}/" if prefix else f"http://127.0.0.1:{port}/"


def https_from_origin(app):
    """Mark a request https when the browser says it came from https on this host."""

    def wrapped(environ, start_response):
        host = environ.get("HTTP_HOST", "")
        for header in ("HTTP_ORIGIN", "HTTP_REFERER"):
            origin = urlsplit(environ.get(header, ""))
            if origin.scheme == "https" and origin.netloc == host:
                environ["wsgi.url_scheme"] = "https"
                break
        return app(environ, start_response)

    return wrapped


def mount(app, prefix: str):
    """Serve ``app`` under ``prefix`` (its SCRIPT_NAME); other paths are 404."""
    if not prefix:
        return app
    return https_from_origin(DispatcherMiddleware(NotFound(), {prefix: app}))


def serve(app, port: int = DEFAULT_PORT, *, quiet: bool = False) -> str | None:
    """Start (or restart) ``app`` on ``port`` in a background thread; return its URL.

    If another program (often the app of another notebook's kernel) holds the port,
    the next free one is used and the link says so. Does nothing while nbgrader
    validates or grades a notebook.
    """
    if os.environ.get("NBGRADER_EXECUTION"):
        print("The live server is not started while nbgrader runs this notebook.")
        return None
    stop(port, quiet=True)
    for candidate in range(port, port + PORTS_TO_TRY):
        try:
            server = make_server(
                "127.0.0.1",
                candidate,
                mount(app, proxy_prefix(candidate)),
                threaded=True,
            )
        except (OSError, SystemExit):  # werkzeug exits when the port is taken
            continue
        break
    else:
        raise RuntimeError(
            f"Ports {port}-{port + PORTS_TO_TRY - 1} are all busy. Stop the apps of "
            "other notebooks (Kernel → Shut Down Kernel) or pick another port, "
            f"e.g. serve(app, port={port + 1000})."
        )
    if candidate != port and not quiet:
        taken = f"Port {port} is taken (perhaps by another notebook's app)"
        print(f"{taken}; using {candidate}.")
    thread = threading.Thread(
        target=server.serve_forever, name=f"live-app-{candidate}", daemon=True
    )
    thread.start()
    url = public_url(candidate)
    _running[candidate] = _Running(server, thread, url)
    if not quiet:
        _show_link(url)
    return url


def local_url(url: str | None = None) -> str:
    """The address the kernel itself uses to reach a live app (default: the latest).

    The link a learner clicks may be relative to the hub; the kernel always talks to
    127.0.0.1, under the same prefix.
    """
    if url is None:
        if not _running:
            raise RuntimeError("No live app is running: call serve(app) first.")
        url = list(_running.values())[-1].url
    if url.startswith("http"):
        return url
    port = int(url.rstrip("/").rsplit("/", 1)[-1])
    return f"http://127.0.0.1:{port}{url}"


def stop(port: int | None = None, *, quiet: bool = False) -> None:
    """Stop the live server on ``port`` (all of them when ``port`` is None)."""
    ports = list(_running) if port is None else [port]
    for number in ports:
        running = _running.pop(number, None)
        if running is None:
            continue
        running.server.shutdown()
        running.server.server_close()
        running.thread.join(timeout=5)
        if not quiet:
            print(f"Stopped the live app on port {number}.")


def running() -> dict[int, str]:
    """Port -> URL of every live server started from this kernel."""
    return {port: item.url for port, item in _running.items()}


def _show_link(url: str) -> None:
    text = f"The app is live at {url} (re-run this cell to restart it)."
    try:
        from IPython.display import HTML, display

        link = html.escape(url)
        display(
            HTML(
                f'The app is live at <a href="{link}" target="_blank">{link}</a> '
                "(re-run this cell to restart it)."
            )
        )
    except ImportError:
        print(text)
