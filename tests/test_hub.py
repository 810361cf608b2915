"""The course on a real JupyterHub: deploy/jupyterhub/ started on loopback.

An instructor and two learners (Unix users created here, removed afterwards) log in
through the hub's login form (PAM), start their servers (each runs as its user in the
course environment) and go through one assignment with nbgrader through the hub: the
instructor releases it, the learners fetch and submit it, the instructor collects and
autogrades it. Then a learner's kernel serves a Flask app with ``coursekit.serve``,
opened through ``/user/<name>/proxy/absolute/<port>/``.

Needs root (to create users and to spawn servers as them), npm and network access to
PyPI/npm the first time (the hub's own environment is built in deploy/jupyterhub/).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import nbformat
import pytest
import requests
import yaml

from coursekit import edition, paths
from coursekit.lab import free_port

ROOT = paths.course_root()
DEPLOY = ROOT / "deploy" / "jupyterhub"
HUB_VENV = DEPLOY / ".venv"
JUPYTERHUB = HUB_VENV / "bin" / "jupyterhub"
# A Python every user may run: not one below root's private home (e.g. pyenv's).
SYSTEM_PYTHON = Path("/usr/bin/python3.11")
ASSIGNMENT = "flask01_routing"
COURSE_ID = "bookmarks-hub-test"
TIMEOUT = 150  # seconds for anything to happen (a whole class starting at once)


def _missing() -> str | None:
    if os.geteuid() != 0:
        return "the hub test creates Unix users: run it as root (CI does)"
    for tool in ("useradd", "userdel", "groupadd", "chpasswd", "npm"):
        if not shutil.which(tool):
            return f"{tool} is missing (apt-get install passwd nodejs npm)"
    return None


def wait_for(condition, what: str, timeout: float = TIMEOUT, every: float = 0.5):
    """Poll ``condition`` until it returns something truthy; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def usable_by_everyone(path: Path) -> bool:
    """Whether other users can run ``path`` (every folder above it searchable)."""
    path = path.resolve()
    return all(p.stat().st_mode & 0o001 for p in [path, *path.parents])


def course_environment() -> Path:
    """The course environment the users' servers run, built as README.md says: the
    pins of environment.yml and jupyterhub-singleuser (the hub's pin), on a Python
    3.11 every user may run (this one, unless it lives in root's private home)."""
    venv = DEPLOY / ".course-venv"
    marker = venv / ".installed"
    requirements = (DEPLOY / "requirements.txt").read_text()
    wanted = "\n".join([*paths.pinned_requirements(ROOT), requirements])
    if marker.exists() and marker.read_text() == wanted:
        return venv
    python = Path(sys._base_executable)
    if not usable_by_everyone(python):
        python = SYSTEM_PYTHON
    if not usable_by_everyone(python):
        pytest.fail(f"the users need a Python 3.11 they can run, e.g. {SYSTEM_PYTHON}")
    subprocess.run([str(python), "-m", "venv", "--clear", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, *paths.pinned_requirements(ROOT)], check=True)
    subprocess.run([*pip, "-r", str(DEPLOY / "requirements.txt")], check=True)
    subprocess.run([*pip, "--no-deps", "-e", str(ROOT)], check=True)
    setup = [str(venv / "bin" / "python"), "-m", "coursekit.jupyter_setup"]
    subprocess.run(setup, check=True, capture_output=True)
    marker.write_text(wanted)
    return venv


def build_hub_environment() -> None:
    """deploy/jupyterhub's own virtualenv (pinned) and proxy (npm ci), when their
    pins changed since the last build."""
    for folder, pins, build in [
        (HUB_VENV, "requirements.txt", build_hub_venv),
        (DEPLOY / "node_modules", "package-lock.json", build_proxy),
    ]:
        marker = folder / ".built-from"
        wanted = (DEPLOY / pins).read_text()
        if not (marker.exists() and marker.read_text() == wanted):
            build()
            marker.write_text(wanted)


def build_hub_venv() -> None:
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(HUB_VENV)], check=True)
    pip = [str(HUB_VENV / "bin" / "pip"), "install", "--quiet"]
    subprocess.run([*pip, "-r", str(DEPLOY / "requirements.txt")], check=True)


def build_proxy() -> None:
    npm = ["npm", "ci", "--no-audit", "--no-fund"]
    subprocess.run(npm, cwd=DEPLOY, check=True, capture_output=True)


class Hub:
    """A running hub and the people of one class, all removed at the end."""

    def __init__(self, base: Path, venv: Path):
        self.base, self.venv = base, venv
        tag = secrets.token_hex(3)
        self.instructor_group, self.learner_group = f"ci{tag}", f"cl{tag}"
        self.instructor = f"hubi{tag}"
        self.learners = [f"hubl{tag}a", f"hubl{tag}b"]
        self.passwords: dict[str, str] = {}
        self.groups: list[str] = []
        self.process: subprocess.Popen | None = None
        self.log = base / "jupyterhub.log"
        self.full_edition = base / "full-edition"
        self.url = ""

    # --- set-up ---------------------------------------------------------------

    def add_users(self) -> None:
        for group in (self.instructor_group, self.learner_group):
            subprocess.run(["groupadd", group], check=True)
            self.groups.append(group)
        homes = self.base / "home"
        homes.mkdir()
        members = {self.instructor: self.instructor_group}
        members |= dict.fromkeys(self.learners, self.learner_group)
        for name, group in members.items():
            subprocess.run(
                ["useradd", "--create-home", "--home-dir", str(homes / name)]
                + ["--gid", group, "--shell", "/bin/bash", name],
                check=True,
            )
            self.passwords[name] = secrets.token_urlsafe(12)
            subprocess.run(
                ["chpasswd"],
                input=f"{name}:{self.passwords[name]}\n",
                text=True,
                check=True,
            )

    def start(self) -> None:
        learner_edition = self.base / "learner-edition"
        edition.build(learner_edition, root=ROOT)
        # The full edition as a clone holds it (the answers included).
        for name in edition.course_files(ROOT):
            (self.full_edition / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, self.full_edition / name)
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "COURSE_HUB_URL": self.url,
            "COURSE_FULL_EDITION": str(self.full_edition),
            "COURSE_VENV": str(self.venv),
            "COURSE_LEARNER_EDITION": str(learner_edition),
            "COURSE_INSTRUCTOR_GROUP": self.instructor_group,
            "COURSE_LEARNER_GROUP": self.learner_group,
            "COURSE_ID": COURSE_ID,
            "COURSE_EXCHANGE_ROOT": str(self.base / "exchange"),
        }
        state = self.base / "state"
        state.mkdir()
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [
                    str(JUPYTERHUB),
                    "-f",
                    str(DEPLOY / "jupyterhub_config.py"),
                    f"--JupyterHub.hub_bind_url=http://127.0.0.1:{free_port()}",
                    f"--ConfigurableHTTPProxy.api_url=http://127.0.0.1:{free_port()}",
                ],
                cwd=state,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

        def up():
            assert self.process.poll() is None, "the hub exited:\n" + self.logs()
            try:
                return requests.get(f"{self.url}/hub/api/", timeout=5).ok
            except requests.ConnectionError:
                return False

        wait_for(up, "the hub to answer")

    # --- clean-up -------------------------------------------------------------

    def logs(self) -> str:
        return self.log.read_text()[-6000:] if self.log.exists() else ""

    def user_pids(self) -> list[int]:
        uids = set()
        for name in [self.instructor, *self.learners]:
            try:
                uids.add(int(subprocess.check_output(["id", "-u", name], text=True)))
            except subprocess.CalledProcessError:
                pass
        pids = []
        for proc in Path("/proc").iterdir():
            if proc.name.isdigit():
                try:
                    if proc.stat().st_uid in uids:
                        pids.append(int(proc.name))
                except FileNotFoundError:
                    pass
        return pids

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            # The hub stops the users' servers, then the proxy, on SIGTERM.
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        for pid in self.user_pids():  # anything the users' servers left behind
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for name in [self.instructor, *self.learners]:
            subprocess.run(["userdel", "--remove", name], capture_output=True)
        for group in self.groups:
            subprocess.run(["groupdel", group], capture_output=True)


@pytest.fixture(scope="module")
def hub():
    if reason := _missing():
        if os.environ.get("CI") == "1":
            pytest.fail(f"The hub test must run under CI: {reason}")
        pytest.skip(reason)
    build_hub_environment()
    venv = course_environment()
    assert (venv / "bin" / "jupyterhub-singleuser").exists(), "run `make venv`"
    # Users must reach this folder: not below pytest's private (0700) tmp folder.
    base = Path(tempfile.mkdtemp(prefix="course-hub-"))
    base.chmod(0o755)
    running = Hub(base, venv)
    try:
        running.add_users()
        running.start()
        yield running
    finally:
        running.stop()
        print(running.logs())  # shown by pytest when something failed
        shutil.rmtree(base, ignore_errors=True)


class User:
    """One person in a browser: the login form, then their own API token."""

    def __init__(self, hub: Hub, name: str):
        self.hub, self.name = hub, name
        self.session = requests.Session()
        self.token = ""

    def log_in(self, password: str) -> requests.Response:
        login = f"{self.hub.url}/hub/login"
        self.session.get(login, timeout=30).raise_for_status()
        return self.session.post(
            login,
            data={
                "username": self.name,
                "password": password,
                "_xsrf": self.xsrf(),
            },
            allow_redirects=False,
            timeout=60,
        )

    def xsrf(self) -> str:
        """The hub's anti-forgery token, from its cookie (as a browser page has it)."""
        return next(
            c.value
            for c in self.session.cookies
            if c.name == "_xsrf" and c.path.startswith("/hub")
        )

    def get_token(self) -> None:
        response = self.session.post(
            f"{self.hub.url}/hub/api/users/{self.name}/tokens",
            json={"note": "course hub test"},
            headers={"X-XSRFToken": self.xsrf()},
            timeout=30,
        )
        assert response.status_code == 201, response.text
        self.token = response.json()["token"]

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        """A request to the hub (``/hub/...``) or this user's server (``/user/...``)."""
        headers = {"Authorization": f"token {self.token}", **kwargs.pop("headers", {})}
        return requests.request(
            method, self.hub.url + path, headers=headers, timeout=120, **kwargs
        )

    def server(self, path: str) -> str:
        return f"/user/{self.name}/{path.lstrip('/')}"

    def call(self, method: str, path: str, **kwargs) -> dict:
        """An nbgrader action on this user's server; fail with its own message."""
        response = self.api(method, self.server(path), **kwargs)
        assert response.ok, f"{path}: {response.status_code} {response.text[:2000]}"
        data = response.json()
        assert data.get("success", True), f"{path}: {json.dumps(data)[:3000]}"
        return data


def execute(user: User, code: str) -> str:
    """Run ``code`` in a new kernel of ``user``'s server; return what it printed."""
    kernel = user.api("POST", user.server("api/kernels"), json={"name": "python3"})
    assert kernel.status_code == 201, kernel.text
    kernel_id = kernel.json()["id"]

    async def run() -> str:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        url = user.hub.url.replace("http", "ws", 1) + user.server(
            f"api/kernels/{kernel_id}/channels"
        )
        request = HTTPRequest(url, headers={"Authorization": f"token {user.token}"})
        socket_ = await websocket_connect(request)
        msg_id = uuid.uuid4().hex
        message = {
            "header": {
                "msg_id": msg_id,
                "msg_type": "execute_request",
                "session": uuid.uuid4().hex,
                "username": user.name,
                "version": "5.3",
            },
            "parent_header": {},
            "metadata": {},
            "channel": "shell",
            "content": {"code": code, "silent": False, "store_history": False},
            "buffers": [],
        }
        await socket_.write_message(json.dumps(message))
        printed, status = [], None
        while status is None:
            reply = json.loads(await socket_.read_message())
            if reply.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = reply["msg_type"], reply["content"]
            if kind == "stream":
                printed.append(content["text"])
            elif kind == "error":
                printed.append("\n".join(content["traceback"]))
            elif kind == "execute_reply":
                status = content["status"]
        socket_.close()
        assert status == "ok", "".join(printed)
        return "".join(printed)

    return asyncio.run(asyncio.wait_for(run(), TIMEOUT))


def answered(release: dict) -> dict:
    """The released notebook with the solution's answers filled in."""
    nb = nbformat.from_dict(release)
    source = nbformat.read(ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4)
    answers = {
        c.metadata["nbgrader"]["grade_id"]: c.source
        for c in source.cells
        if c.metadata.get("nbgrader", {}).get("solution")
    }
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    return nb


@pytest.mark.slow
def test_a_class_on_the_hub(hub):
    started = time.monotonic()
    instructor = User(hub, hub.instructor)
    learners = [User(hub, name) for name in hub.learners]
    everyone = [instructor, *learners]

    # Log in through the form: a wrong password is refused, the right one accepted.
    assert instructor.log_in("not-the-password").status_code == 403
    for user in everyone:
        response = user.log_in(hub.passwords[user.name])
        assert response.status_code == 302, response.text[:500]
        assert "/hub/login" not in response.headers["Location"]
        user.get_token()
    me = instructor.api("GET", "/hub/api/user").json()
    assert me["name"] == hub.instructor and me["admin"] is True
    assert learners[0].api("GET", "/hub/api/user").json()["admin"] is False

    # Start every server at once, as a class does.
    for user in everyone:
        response = user.api("POST", f"/hub/api/users/{user.name}/server")
        assert response.status_code in (201, 202), response.text

    def ready(user):
        server = user.api("GET", f"/hub/api/users/{user.name}").json()["servers"]
        return server.get("", {}).get("ready")

    for user in everyone:
        wait_for(lambda user=user: ready(user), f"{user.name}'s server")
    print(f"login and three servers: {time.monotonic() - started:.1f} s")

    # Each server runs as its user, in the course environment, with its own copy.
    for user in everyone:
        listing = user.api("GET", user.server("api/contents/bookmarks-course")).json()
        names = {item["name"] for item in listing["content"]}
        assert {"notebooks", "exercises", "sample_projects"} <= names
        assert ("solutions" in names) is (user is instructor), names

    # Formgrader is the instructor's only: its server API and its Lab menu entry.
    assert instructor.api("GET", instructor.server("formgrader/api/status")).ok
    for user in everyone:
        page = user.api("GET", user.server("lab")).text
        config = re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', page, re.S)
        hidden = json.loads(config.group(1))["disabledExtensions"]
        wanted = user is not instructor
        assert ("@jupyter/nbgrader:formgrader" in hidden) is wanted, hidden
    for learner in learners:
        denied = learner.api("GET", learner.server("formgrader/api/status"))
        assert denied.status_code == 404, denied.status_code
        other = learner.api("GET", instructor.server("api/status"))
        assert other.status_code == 403, "a learner must not reach another's server"

    # Release, fetch, submit, collect, autograde: all through the hub.
    instructor.call("POST", f"formgrader/api/assignment/{ASSIGNMENT}/assign")
    instructor.call("POST", f"formgrader/api/assignment/{ASSIGNMENT}/release")
    form = {"course_id": COURSE_ID, "assignment_id": ASSIGNMENT}
    notebook = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
    for learner in learners:
        listed = learner.call("GET", f"assignments?course_id={COURSE_ID}")["value"]
        assert [a["assignment_id"] for a in listed] == [ASSIGNMENT], listed
        learner.call("POST", "assignments/fetch", data=form)
    solver, blank = learners
    release = solver.api("GET", solver.server(f"api/contents/{notebook}")).json()
    saved = solver.api(
        "PUT",
        solver.server(f"api/contents/{notebook}"),
        json={"type": "notebook", "content": answered(release["content"])},
    )
    assert saved.ok, saved.text
    for learner in learners:
        learner.call("POST", "assignments/submit", data=form)
    instructor.call("POST", f"formgrader/api/assignment/{ASSIGNMENT}/collect")
    scores = {}
    for learner in learners:
        path = f"formgrader/api/submission/{ASSIGNMENT}/{learner.name}"
        instructor.call("POST", f"{path}/autograde")
        scores[learner.name] = instructor.call("GET", path)
    max_score = scores[solver.name]["max_score"]
    assert max_score > 0
    assert scores[solver.name]["score"] == max_score, scores
    assert scores[blank.name]["score"] == 0, scores
    print(f"release to autograde: {time.monotonic() - started:.1f} s")

    # The live app, from a learner's kernel, through the hub's proxy path.
    printed = execute(
        solver,
        """
import os
import pwd
import socket
from flask import Flask, url_for
from coursekit import serve

app = Flask(__name__)

@app.get("/")
def home():
    return f"live on the hub; next: {url_for('second')}"

@app.get("/second")
def second():
    return "second page"

with socket.socket() as sock:
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
print("URL=" + serve(app, port=port, quiet=True))
print("USER=" + pwd.getpwuid(os.getuid()).pw_name)
try:
    os.listdir(answers)
    print("ANSWERS=readable")
except PermissionError:
    print("ANSWERS=private")
""".replace("answers", repr(str(hub.full_edition / "solutions"))),
    )
    assert f"USER={solver.name}\n" in printed, "the kernel runs as its learner"
    # The server's own clone of the full edition keeps its answers from learners.
    assert "ANSWERS=private" in printed, printed
    url = next(line[4:] for line in printed.splitlines() if line.startswith("URL="))
    assert url.startswith(f"/user/{solver.name}/proxy/absolute/"), url
    page = solver.api("GET", url)
    assert page.status_code == 200, page.text[:500]
    assert page.text == f"live on the hub; next: {url}second", page.text
    assert solver.api("GET", url + "second").text == "second page"
    # Another learner cannot open it: the proxy is part of its owner's server.
    assert blank.api("GET", url).status_code == 403
    print(f"whole class: {time.monotonic() - started:.1f} s")


def _code(text: str) -> list[str]:
    """The statements of a config file: no docstring, comments or blank lines."""
    body = re.sub(r'^""".*?"""\n', "", text, flags=re.S)
    return [
        line.split("  #")[0].rstrip()
        for line in body.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def test_kubernetes_values_match_the_one_server_hub():
    """The Zero to JupyterHub values (not run here) carry the same course settings."""
    values = yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text())
    files = values["singleuser"]["extraFiles"]
    config = DEPLOY / "jupyter"
    for name, role in [
        ("nbgrader-everyone", "everyone"),
        ("nbgrader-instructor", "instructor"),
    ]:
        mounted = files[name]
        assert mounted["mountPath"] == f"/etc/jupyter/course/{role}/nbgrader_config.py"
        assert _code(mounted["stringData"]) == _code(
            (config / role / "nbgrader_config.py").read_text()
        ), name
    server = json.loads(
        (config / "instructor" / "jupyter_server_config.json").read_text()
    )
    assert files["server-instructor"]["data"] == server
    lab = json.loads(
        (config / "instructor" / "labconfig" / "page_config.json").read_text()
    )
    assert files["lab-instructor"]["data"] == lab
    env = values["singleuser"]["extraEnv"]
    assert set(env) >= {"COURSE_ID", "COURSE_EXCHANGE_ROOT", "JUPYTER_CONFIG_PATH"}
    mounts = values["singleuser"]["storage"]["extraVolumeMounts"]
    assert [m["mountPath"] for m in mounts] == [env["COURSE_EXCHANGE_ROOT"]]
    # The image is the learner edition's: the answers must not be in it.
    assert values["singleuser"]["image"]["name"].endswith(
        edition.LEARNER_REPOSITORY.split("/")[1]
    )
