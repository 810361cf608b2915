"""The live server: one quiet app per kernel, in the background, behind a proxy."""

from __future__ import annotations

import os
import re
import socket
import urllib.error
import urllib.request

import pytest
from flask import Flask, redirect, url_for

from coursekit import server


def make_app() -> Flask:
    app = Flask(__name__)

    @app.get("/")
    def index():
        return f"index at {url_for('index')}"

    @app.get("/go/")
    def go():
        return redirect(url_for("index"))

    return app


def fetch(url: str):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def port(monkeypatch, free_port):
    monkeypatch.delenv("JUPYTERHUB_SERVICE_PREFIX", raising=False)
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    number = free_port()
    yield number
    server.stop()


def test_serves_locally_in_the_background(port):
    url = server.serve(make_app(), port, quiet=True)
    assert url == f"http://127.0.0.1:{port}/"
    assert fetch(url) == (200, "index at /")
    with urllib.request.urlopen(url, timeout=5) as response:
        # No kept-alive connection that would outlive a restart of the app.
        assert response.version == 10 and response.headers["Connection"] == "close"
    assert server.running() == {port: url}


def test_rerun_frees_and_reuses_the_port(port):
    first = make_app()
    server.serve(first, port, quiet=True)
    second = Flask("second")
    second.add_url_rule("/", "index", lambda: "second app")
    server.serve(second, port, quiet=True)
    assert fetch(f"http://127.0.0.1:{port}/") == (200, "second app")
    server.stop(port, quiet=True)
    with pytest.raises(urllib.error.URLError):
        fetch(f"http://127.0.0.1:{port}/")


def test_busy_port_moves_to_the_next_free_one_quietly(port, capfd):
    with socket.socket() as other:
        other.bind(("127.0.0.1", port))
        other.listen()
        url = server.serve(make_app(), port)
        assert url != f"http://127.0.0.1:{port}/"
        assert fetch(url)[0] == 200
        out, err = capfd.readouterr()
        assert f"Port {port} is taken" in out
        assert err == "", "werkzeug's 'Address already in use' must not be printed"
        assert server.local_url() == url


def test_rerun_with_the_port_held_elsewhere_keeps_one_app(port):
    """The issue: each re-run took a new port and left the old app serving."""
    with socket.socket() as other:
        other.bind(("127.0.0.1", port))
        other.listen()
        urls = [server.serve(make_app(), port, quiet=True) for _ in range(3)]
        assert len(set(urls)) == 1, "a re-run reuses the port its own app freed"
        assert list(server.running().values()) == [urls[-1]]
        assert fetch(urls[-1])[0] == 200


def test_rerun_stops_the_app_on_another_port(port, free_port):
    old_port = free_port()
    old = server.serve(make_app(), old_port, quiet=True)
    new = server.serve(make_app(), port, quiet=True)
    assert server.running() == {port: new}
    with pytest.raises(urllib.error.URLError):
        fetch(old)


def test_stop_stops_every_app_and_frees_the_ports(port):
    url = server.serve(make_app(), port, quiet=True)
    server.stop()
    assert server.running() == {}
    with pytest.raises(urllib.error.URLError):
        fetch(url)
    with socket.socket() as again:
        again.bind(("127.0.0.1", port))  # the port is free for anyone


def test_request_log_stays_out_of_the_cell_and_is_shown_on_demand(port, capfd):
    app = make_app()

    @app.get("/boom/")
    def boom():
        raise RuntimeError("a bug in a view")

    url = server.serve(app, port, quiet=True)
    fetch(url)
    with pytest.raises(urllib.error.HTTPError):
        fetch(url + "boom/")
    out, err = capfd.readouterr()
    assert (out, err) == ("", ""), "no request lines or tracebacks in the cell"
    server.show_log()
    log = capfd.readouterr().out
    assert "GET / HTTP/1.1 -> 200" in log
    assert "GET /boom/ HTTP/1.1 -> 500" in log
    assert "a bug in a view" in log


def test_log_true_writes_to_the_workspace(port, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COURSE_WORKSPACE", str(tmp_path / "workspace"))
    url = server.serve(make_app(), port, log=True)
    log_file = tmp_path / "workspace" / "live-app.log"
    assert str(log_file) in capsys.readouterr().out, "the link says where the log is"
    # No wait needed: werkzeug logs a request as it starts sending the response.
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.build_opener(NoRedirect).open(url + "go/", timeout=5)
    assert "GET /go/ HTTP/1.1 -> 302" in log_file.read_text()


def test_the_url_is_displayed_once_per_cell(port, monkeypatch):
    """serve() shows the link; as the cell's last value the URL shows nothing more."""
    shown = []
    monkeypatch.setattr(server, "_show_link", lambda url, *_: shown.append(url))

    class Shell:
        execution_count = 7

    monkeypatch.setattr(server, "_shell", lambda: Shell)
    url = server.serve(make_app(), port)
    url._ipython_display_()  # the same cell: already shown
    assert shown == [url]
    Shell.execution_count = 8
    url._ipython_display_()  # a later cell: `url` on its own shows the link
    assert shown == [url, url]


def test_all_ports_busy_gives_a_clear_error(port, monkeypatch):
    monkeypatch.setattr(server, "PORTS_TO_TRY", 1)
    with socket.socket() as other:
        other.bind(("127.0.0.1", port))
        other.listen()
        with pytest.raises(RuntimeError, match="are all busy"):
            server.serve(make_app(), port, quiet=True)


def test_local_url_behind_the_hub():
    assert server.local_url("/user/x/proxy/absolute/5051/") == (
        "http://127.0.0.1:5051/user/x/proxy/absolute/5051/"
    )


def test_behind_jupyterhub_the_app_is_mounted_at_the_proxy_path(port, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/user/ada/")
    url = server.serve(make_app(), port, quiet=True)
    prefix = f"/user/ada/proxy/absolute/{port}"
    assert url == prefix + "/"
    # jupyter-server-proxy in absolute mode forwards the full path.
    base = f"http://127.0.0.1:{port}"
    assert fetch(base + prefix + "/") == (200, f"index at {prefix}/")
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect_response:
        opener.open(base + prefix + "/go/", timeout=5)
    assert redirect_response.value.headers["Location"] == prefix + "/"
    with pytest.raises(urllib.error.HTTPError) as outside:
        fetch(base + "/")
    assert outside.value.code == 404


def test_does_nothing_while_nbgrader_runs(port, monkeypatch, capsys):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert server.serve(make_app(), port) is None
    assert server.running() == {}
    assert "not started" in capsys.readouterr().out


def test_public_url():
    assert server.public_url(5000, {}) == "http://127.0.0.1:5000/"
    hub = {"JUPYTERHUB_SERVICE_PREFIX": "/user/x/"}
    assert server.public_url(5000, hub) == "/user/x/proxy/absolute/5000/"
    root = {"JUPYTERHUB_SERVICE_PREFIX": "/"}
    assert server.public_url(5000, root) == "/proxy/absolute/5000/"


def test_behind_the_proxy_https_comes_from_the_browsers_origin():
    seen = {}

    def app(environ, start_response):
        seen["scheme"] = environ["wsgi.url_scheme"]
        start_response("200 OK", [])
        return [b""]

    from werkzeug.test import Client

    client = Client(server.mount(app, "/user/x/proxy/absolute/5050"))
    path = "/user/x/proxy/absolute/5050/"
    same = {"Host": "hub.example", "Origin": "https://hub.example"}
    client.post(path, headers=same)
    assert seen["scheme"] == "https"
    client.post(path, headers={"Host": "hub.example", "Origin": "https://evil.example"})
    assert seen["scheme"] == "http"
    client.get(
        path, headers={"Host": "hub.example", "Referer": "https://hub.example/x"}
    )
    assert seen["scheme"] == "https"


KERNEL_APP = """
from flask import Flask
from coursekit import serve
app = Flask("demo")
app.add_url_rule("/", "index", lambda: "hello")
"""


def run_in(client, code: str) -> list[dict]:
    """Execute ``code`` in a kernel; return its output messages (errors raise)."""
    outputs = []

    def keep(message):
        if message["msg_type"] in {"stream", "display_data", "execute_result", "error"}:
            outputs.append(message)

    reply = client.execute_interactive(code, output_hook=keep, timeout=60)
    assert reply["content"]["status"] == "ok", outputs
    return outputs


def links(outputs: list[dict]) -> list[str]:
    return [
        message["content"]["data"]["text/html"]
        for message in outputs
        if "text/html" in message["content"].get("data", {})
    ]


def port_is_free(number: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", number))
        except OSError:
            return False
        return True


@pytest.mark.slow
def test_real_kernels_one_link_no_port_fights_nothing_left_behind(free_port):
    """Two kernels serve on the same port number; each cell shows one link; a kernel
    that shuts down leaves its port free."""
    from jupyter_client.manager import start_new_kernel

    first_choice = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"JUPYTERHUB_SERVICE_PREFIX", "NBGRADER_EXECUTION"}
    }
    kernels = [start_new_kernel(kernel_name="python3", env=env) for _ in range(2)]
    try:
        urls = []
        for _, client in kernels:
            run_in(client, KERNEL_APP)
            outputs = run_in(client, f"serve(app, {first_choice})")
            (link,) = links(outputs)  # one link, although serve() returns the URL
            assert 'target="_blank"' in link
            assert not [m for m in outputs if m["content"].get("name") == "stderr"]
            (url,) = re.findall(r'href="([^"]+)"', link)
            urls.append(url)
            assert fetch(url) == (200, "hello")
        assert urls[0] != urls[1], "the second kernel takes the next free port"
        # The URL on its own in a later cell is the link again.
        assert len(links(run_in(kernels[0][1], "_"))) == 1
        taken = int(urls[0].rstrip("/").rsplit(":", 1)[-1])
    finally:
        for manager, client in kernels:
            client.stop_channels()
            manager.shutdown_kernel(now=False)
    assert port_is_free(taken), "a kernel that shut down left its app running"
