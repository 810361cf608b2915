"""The comparison's measuring tools (coursekit.measure) measure what they claim."""

from __future__ import annotations

import os
import re
import shutil

import pytest

from coursekit import measure, probe

# A WSGI app that answers /missing with a 404 and /slow after ?ms= milliseconds.
TOY_APP = """
import time


def app(environ, start_response):
    path = environ["PATH_INFO"]
    if path == "/slow":
        time.sleep(int(environ["QUERY_STRING"].split("=")[1]) / 1000)
    status = "404 Not Found" if path == "/missing" else "200 OK"
    start_response(status, [("Content-Type", "text/plain")])
    return [b"ok"]
"""


@pytest.fixture(scope="module")
def toy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("toy")
    (folder / "toy.py").write_text(TOY_APP)
    argv = measure.gunicorn("toy:app", workers=1, worker_class="gthread", threads=4)
    with measure.serve(argv, cwd=folder, env=dict(os.environ)) as server:
        yield server


def tools():
    """The python generator always; ApacheBench where installed (CI must have it)."""
    found = ["python"]
    if shutil.which("ab"):
        found.append("ab")
    elif os.environ.get("CI") == "1":
        pytest.fail(measure.INSTALL_AB)
    return found


@pytest.mark.parametrize("tool", ["python", "ab"])
def test_load_is_bounded_by_count(toy, tool):
    if tool not in tools():
        pytest.skip(measure.INSTALL_AB)
    result = measure.load(toy.url + "/", requests=30, concurrency=3, tool=tool)
    assert (result.requests, result.failures, result.tool) == (30, 0, tool)
    assert 0 < result.p50_ms <= result.p99_ms
    assert result.rps == pytest.approx(30 / result.seconds)


@pytest.mark.parametrize("tool", ["python", "ab"])
def test_load_is_bounded_by_time(toy, tool):
    if tool not in tools():
        pytest.skip(measure.INSTALL_AB)
    # 2 at a time, 100 ms each: 1 s allows about 20 of the 1,000 asked for.
    url = toy.url + "/slow?ms=100"
    result = measure.load(url, requests=1000, concurrency=2, time_limit=1, tool=tool)
    assert 4 <= result.requests < 100
    assert result.p50_ms >= 100


@pytest.mark.parametrize("tool", ["python", "ab"])
def test_load_counts_error_answers_as_failures(toy, tool):
    if tool not in tools():
        pytest.skip(measure.INSTALL_AB)
    result = measure.load(toy.url + "/missing", requests=10, concurrency=2, tool=tool)
    assert result.failures == 10


def test_serve_stops_the_server_afterwards(tmp_path):
    with measure.hello_server(tmp_path, workers=1) as server:
        assert server.get("/") == (200, b"Hello, world!")
        process = server.process
    assert process.poll() is not None


def test_serve_reports_a_server_that_does_not_start(tmp_path):
    argv = measure.gunicorn("nowhere:app", workers=1)
    with pytest.raises(RuntimeError, match="did not start"):
        with measure.serve(argv, cwd=tmp_path, env=dict(os.environ), timeout=30):
            pass


def test_dataset_is_the_same_rows_in_chunks():
    whole = measure.dataset(5, 10, 1, 40)
    first, rest = measure.dataset(5, 10, 1, 25), measure.dataset(5, 10, 26, 40)
    assert first.bookmarks + rest.bookmarks == whole.bookmarks
    assert first.links + rest.links == whole.links
    assert (len(whole.users), len(whole.tags), rest.users, rest.tags) == (5, 10, [], [])


def test_dataset_shape():
    data = measure.dataset(50, 100, 1, 1000)
    per_bookmark = {}
    for link in data.links:
        per_bookmark.setdefault(link["bookmark_id"], []).append(link["tag_id"])
    assert [b["id"] for b in data.bookmarks] == list(range(1, 1001))
    assert {len(set(tags)) for tags in per_bookmark.values()} == {1, 2, 3}
    assert sum(1 in tags for tags in per_bookmark.values()) == 250
    assert sum(b["private"] for b in data.bookmarks) == 100
    assert {b["owner_id"] for b in data.bookmarks} == set(range(1, 51))
    assert {t["id"] for t in data.tags} >= {
        t for tags in per_bookmark.values() for t in tags
    }
    assert data.tags[0]["name"] == "python" == measure.PAGES["tag"].split("/")[2]
    assert all(re.fullmatch(r"[a-z0-9]+", t["name"]) for t in data.tags)


def test_database_url_names_the_driver_for_sqlalchemy():
    pg = "postgresql://postgres@127.0.0.1:5432/db"
    assert (
        measure.database_url("flask", pg)
        == "postgresql+psycopg://postgres@127.0.0.1:5432/db"
    )
    assert measure.database_url("django", pg) == pg
    assert measure.database_url("flask", "sqlite:///x.db") == "sqlite:///x.db"


@pytest.mark.parametrize("framework", ["flask", "django"])
def test_app_is_seeded_and_counted_through_its_own_orm(framework, tmp_path):
    app = measure.App(framework, tmp_path)
    counts = app.profile([30, 60], list(measure.PAGES.values()))
    assert list(counts) == [30, 60]
    for pages in counts.values():
        assert set(pages) == set(measure.PAGES.values())
        assert all(n >= 1 for n in pages.values())
    with app.session() as session:
        assert session.seed(60) == 60  # growing to the size it has adds nothing
        assert session.seed(70) == 70


def test_session_reports_errors_from_inside_the_app(tmp_path):
    app = measure.App("flask", tmp_path)
    shutil.rmtree(app.project / "bookmarks")
    with pytest.raises(RuntimeError, match="No module named 'bookmarks'"):
        with app.session() as session:
            session.migrate()


def test_bench_times_the_comparison_part_and_reads_its_ratios(tmp_path, monkeypatch):
    import nbformat

    from coursekit import bench

    # bench sets COURSE_WORKSPACE for each notebook; restore it afterwards.
    monkeypatch.setenv("COURSE_WORKSPACE", str(tmp_path / "workspace"))

    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    cell = nbformat.v4.new_code_cell("print('{\"flask /\": 0.25}')")
    cell.metadata["tags"] = ["ratios"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1"), cell])
    nbformat.write(nb, notebooks / "99_compare_demo.ipynb")
    nbformat.write(nbformat.v4.new_notebook(), notebooks / "01_other.ipynb")
    rows, ratios = bench.time_compare(tmp_path)
    assert [row[0] for row in rows] == [
        "compare 99_compare_demo",
        "compare: the whole part",
    ]
    assert rows[-1][1] == rows[0][1] > 0
    assert ratios == {"flask /": 0.25}


# --- coursekit.probe: a browser over HTTP ------------------------------------------

# Sets, deletes and echoes cookies; shows a form with a token; echoes POSTs.
COOKIE_APP = """
def app(environ, start_response):
    path = environ["PATH_INFO"]
    headers = [("Content-Type", "text/html")]
    body = b""
    if path == "/set":
        headers.append(("Set-Cookie", "session=abc; HttpOnly; Secure; SameSite=Lax"))
        headers.append(("Set-Cookie", "other=1; Path=/"))
    elif path == "/clear":
        headers.append(("Set-Cookie", "session=; Max-Age=0; Path=/"))
    elif path == "/form":
        body = b'<input type="hidden" name="csrfmiddlewaretoken" value="tok">'
    elif path == "/echo":
        size = int(environ.get("CONTENT_LENGTH") or 0)
        sent = environ["wsgi.input"].read(size).decode()
        names = ["HTTP_COOKIE", "HTTP_ORIGIN", "HTTP_REFERER", "HTTP_X_FORWARDED_PROTO"]
        found = [environ.get(name, "") for name in names]
        body = "|".join([found[0], sent, *found[1:]]).encode()
    start_response("200 OK", headers)
    return [body]
"""


@pytest.fixture(scope="module")
def cookie_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cookies")
    (folder / "cookies.py").write_text(COOKIE_APP)
    argv = measure.gunicorn("cookies:app", workers=1)
    with measure.serve(argv, cwd=folder, env=dict(os.environ), ready="/form") as server:
        yield server


def test_browser_keeps_cookies_their_flags_and_a_copy(cookie_server):
    browser = probe.Browser(cookie_server.url)
    response = browser.get("/set")
    assert probe.flags(response.cookies["session"]) == {
        "HttpOnly": True,
        "Secure": True,
        "SameSite": "Lax",
    }
    assert probe.flags(response.cookies["other"])["HttpOnly"] is False
    kept = browser.copy()
    assert browser.get("/echo").text.split("|")[0] == "session=abc; other=1"
    browser.get("/clear")  # Max-Age=0: the app deleted it
    assert browser.cookies == {"other": "1"}
    assert kept.get("/echo").text.split("|")[0] == "session=abc; other=1"


def test_submit_sends_the_forms_token_origin_and_referer(cookie_server):
    browser = probe.Browser(cookie_server.url)
    cookie, sent, origin, referer, proto = browser.submit(
        "/echo", {"name": "a b"}, form_page="/form"
    ).text.split("|")
    assert sent == "name=a+b&csrfmiddlewaretoken=tok"
    assert origin == "https://" + cookie_server.url.split("://")[1]
    assert referer == origin + "/form" and proto == "https"
    # A page without a token: the form goes as it is; no proxy header, plain http.
    plain = probe.Browser(cookie_server.url, headers={})
    _, sent, origin, _, proto = plain.submit("/echo", {"x": "1"}).text.split("|")
    assert (sent, origin, proto) == ("x=1", cookie_server.url, "")


def test_csrf_token_is_found_in_either_frameworks_form():
    flask = '<input id="csrf_token" name="csrf_token" type="hidden" value="f1">'
    django = '<input type="hidden" name="csrfmiddlewaretoken" value="d1">'
    assert probe.csrf_token(flask) == "f1"
    assert probe.csrf_token("<p>" + django) == "d1"
    assert probe.csrf_token('<input name="q" value="x">') is None


@pytest.mark.parametrize("size", [10, 2000])  # a long payload is compressed
def test_flask_session_payload_is_read_without_the_key(size):
    from flask import Flask

    app = Flask(__name__)
    app.secret_key = "a key the reader never sees"
    data = {"name": "alice", "notes": "x" * size}
    cookie = app.session_interface.get_signing_serializer(app).dumps(data)
    assert cookie.startswith(".") == (size > 100)
    assert probe.flask_session_payload(cookie) == data


def test_hash_algorithm_is_read_from_either_format():
    from werkzeug.security import generate_password_hash

    assert probe.hash_algorithm(generate_password_hash("pw")) == "scrypt"
    assert probe.hash_algorithm("pbkdf2_sha256$1000000$salt$hash") == "pbkdf2_sha256"


@pytest.mark.parametrize(
    "framework, table, algorithm",
    [("flask", "user", "scrypt"), ("django", "auth_user", "pbkdf2_sha256")],
)
def test_users_are_made_with_the_apps_own_hashes(framework, table, algorithm, tmp_path):
    app = measure.App(framework, tmp_path)
    with app.session() as session:
        session.migrate()
        first = session.user("ann", "pw-one-1234", "superuser")
        second = session.user("bob", "pw-one-1234", "user")
        assert second != first
        with pytest.raises(RuntimeError, match="unknown role"):
            session.user("cy", "pw-one-1234", "king")
    database = probe.sqlite_file(app)
    stored = probe.stored_hash(database, "ann", table)
    assert probe.hash_algorithm(stored) == algorithm
    # The same password is hashed once (it is slow on purpose).
    assert probe.stored_hash(database, "bob", table) == stored
    with pytest.raises(LookupError):
        probe.stored_hash(database, "nobody", table)
