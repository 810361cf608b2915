"""The live app: serve a WSGI app from a notebook cell without blocking it.

``app.run()`` blocks the cell, and its reloader cannot work inside a kernel, so the
course serves apps with werkzeug's server in a background thread.

One kernel, one live app: ``serve()`` first stops every app this kernel started
(whatever port each one took), then serves the new one, so re-running a cell never
leaves an old app behind. Ports are claimed by binding the socket here, before
werkzeug sees it: a port another kernel holds is skipped silently (two kernels never
share one), and the first free port from 5050 up is used. The apps stop with the
kernel (``atexit``; a killed kernel's sockets are closed by the system anyway).

The request log never lands in cell outputs: it is kept in memory (``show_log()``
prints the latest lines), and ``serve(app, log=True)`` also appends it to
``workspace/live-app.log``. ``serve()`` displays one link and returns the URL as a
string that does not display it a second time when it is the cell's last value.

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

import atexit
import collections
import html
import logging
import os
import socket
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from werkzeug.exceptions import NotFound
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

DEFAULT_PORT = 5050  # not 5000: macOS uses that port for AirPlay
PORTS_TO_TRY = 20
LOG_LINES = 500  # kept in memory per app for show_log()


class RequestLog:
    """The latest lines of one app's log, and optionally a file that gets them all."""

    def __init__(self, path: Path | None = None):
        self.lines: collections.deque[str] = collections.deque(maxlen=LOG_LINES)
        self.path = path
        self._lock = threading.Lock()

    def write(self, text: str) -> int:
        # Also the app's ``wsgi.errors`` stream (Flask logs view errors there).
        lines = [line for line in text.splitlines() if line.strip()]
        with self._lock:
            self.lines.extend(lines)
            if self.path is not None and lines:
                with self.path.open("a") as file:
                    file.write("\n".join(lines) + "\n")
        return len(text)

    def flush(self) -> None:
        pass


class _Handler(WSGIRequestHandler):
    # HTTP/1.0 (set with the log, below) closes each connection after its response:
    # a browser's kept-alive connection would go on reaching the old app after a
    # restart.
    request_log: RequestLog  # set on the subclass made for each app

    def handle(self) -> None:
        _live.log = self.request_log
        try:
            super().handle()
        finally:
            _live.log = None

    def make_environ(self):
        environ = super().make_environ()
        environ["wsgi.errors"] = self.request_log
        return environ

    def log_request(self, code="-", size="-") -> None:
        stamp = datetime.now().strftime("%H:%M:%S")
        self.request_log.write(f"{stamp} {self.requestline} -> {code}")

    def log(self, type: str, message: str, *args) -> None:
        self.request_log.write(message % args if args else message)


# Set while a request thread serves the live app: the frameworks' own log records
# (Django's "Not Found: /x", a CSRF refusal) go to the app's log, not to whichever
# cell happens to be running.
_live = threading.local()


class _ToRequestLog(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        log = getattr(_live, "log", None)
        if log is None:
            return True
        if not getattr(record, "live_app_logged", False):  # one line, many handlers
            record.live_app_logged = True
            log.write(_FORMAT.format(record))
        return False


_FORMAT = logging.Formatter("%(levelname)s in %(name)s: %(message)s")


_FILTER = _ToRequestLog()


def _divert_framework_logs() -> None:
    """Put the filter on the handlers the frameworks print through."""
    loggers = [logging.getLogger(name) for name in ("", "django", "werkzeug")]
    handlers = [h for logger in loggers for h in logger.handlers]
    try:
        from flask.logging import default_handler

        handlers.append(default_handler)
    except ImportError:
        pass
    for handler in handlers:
        if _FILTER not in handler.filters:
            handler.addFilter(_FILTER)


@dataclass
class _Running:
    server: BaseWSGIServer
    thread: threading.Thread
    url: str
    log: RequestLog


_running: dict[int, _Running] = {}


class LiveURL(str):
    """The app's URL; as a cell's last value it shows the link unless ``serve()``
    has just shown it in the same cell."""

    shown_in: int | None = None

    def _ipython_display_(self) -> None:
        shell = _shell()
        if shell is not None and self.shown_in == shell.execution_count:
            return
        _show_link(self)


def _shell():
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


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


def claim_port(first: int, count: int | None = None) -> socket.socket:
    """A listening socket on the first free port of ``first .. first+count-1``.

    Binding here (not in werkzeug, which prints a warning and exits on a busy port)
    makes taking a port atomic: if another kernel got there first, bind fails and
    the next port is tried.
    """
    count = PORTS_TO_TRY if count is None else count
    for candidate in range(first, first + count):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        # Lets a restarted app take its port back at once (no TIME_WAIT delay);
        # on Linux and macOS it never lets two listening sockets share a port.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", candidate))
            sock.listen(128)
        except OSError:
            sock.close()
            continue
        return sock
    raise RuntimeError(
        f"Ports {first}-{first + count - 1} are all busy. Stop the apps of other "
        "notebooks (Kernel → Shut Down Kernel) or pick another port, "
        f"e.g. serve(app, port={first + 1000})."
    )


def _log_path(log) -> Path | None:
    if not log:
        return None
    if log is True:
        from . import paths

        path = paths.workspace_root() / "live-app.log"
    else:
        path = Path(log)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def serve(
    app, port: int = DEFAULT_PORT, *, quiet: bool = False, log: bool | str = False
) -> LiveURL | None:
    """Serve ``app`` in a background thread, after stopping this kernel's other apps.

    The first free port from ``port`` up is used (another notebook's app may hold
    ``port``). ``log=True`` appends the request log to ``workspace/live-app.log``
    (or ``log="path"`` to that file); ``show_log()`` prints its latest lines either
    way. Does nothing while nbgrader validates or grades a notebook.
    """
    if os.environ.get("NBGRADER_EXECUTION"):
        print("The live server is not started while nbgrader runs this notebook.")
        return None
    stop(quiet=True)
    sock = claim_port(port)
    number = sock.getsockname()[1]
    request_log = RequestLog(_log_path(log))
    try:
        server = make_server(
            "127.0.0.1",
            number,
            mount(app, proxy_prefix(number)),
            threaded=True,
            request_handler=type(
                "Handler",
                (_Handler,),
                # werkzeug switches to HTTP/1.1 unless the class itself says otherwise
                {"request_log": request_log, "protocol_version": "HTTP/1.0"},
            ),
            fd=sock.fileno(),
        )
    finally:
        sock.close()  # werkzeug works on its own duplicate of the socket
    _divert_framework_logs()
    thread = threading.Thread(
        target=server.serve_forever, name=f"live-app-{number}", daemon=True
    )
    thread.start()
    url = LiveURL(public_url(number))
    _running[number] = _Running(server, thread, url, request_log)
    if not quiet:
        if number != port:
            print(f"Port {port} is taken (perhaps by another notebook's app).")
        _show_link(url, request_log.path)
        shell = _shell()
        url.shown_in = shell.execution_count if shell is not None else None
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
    url = str(url)
    if url.startswith("http"):
        return url
    port = int(url.rstrip("/").rsplit("/", 1)[-1])
    return f"http://127.0.0.1:{port}{url}"


def stop(port: int | None = None, *, quiet: bool = False) -> None:
    """Stop this kernel's live app on ``port`` (all of them when ``port`` is None)."""
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


atexit.register(stop, quiet=True)


def running() -> dict[int, str]:
    """Port -> URL of every live server started from this kernel."""
    return {port: str(item.url) for port, item in _running.items()}


def show_log(lines: int = 40, port: int | None = None) -> None:
    """Print the latest request log lines of the live app (default: the latest)."""
    if not _running:
        print("No live app is running: call serve(app) first.")
        return
    number = port if port is not None else list(_running)[-1]
    kept = list(_running[number].log.lines)
    print("\n".join(kept[-lines:]) if kept else "No requests yet.")


def _show_link(url: str, log_path: Path | None = None) -> None:
    note = "re-run this cell to restart it"
    if log_path is not None:
        note += f"; requests are logged to {log_path}"
    shell = _shell()
    if shell is None or not getattr(shell, "kernel", None):
        print(f"The app is live at {url} ({note}).")
        return
    from IPython.display import HTML, display

    link = html.escape(url)
    display(
        HTML(
            f'The app is live at <a href="{link}" target="_blank">{link}</a> '
            f"({html.escape(note)})."
        )
    )
