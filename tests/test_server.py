"""The live server: background thread, re-run frees the port, works behind a proxy."""

from __future__ import annotations

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


def test_busy_port_moves_to_the_next_free_one(port, capsys):
    with socket.socket() as other:
        other.bind(("127.0.0.1", port))
        other.listen()
        url = server.serve(make_app(), port)
        assert url != f"http://127.0.0.1:{port}/"
        assert fetch(url)[0] == 200
        assert f"Port {port} is taken" in capsys.readouterr().out
        assert server.local_url() == url


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
