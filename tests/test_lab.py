"""`make lab`: the repository root is Lab's root folder, for root and everyone else."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from coursekit import lab

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "course-lab-test-token"


def test_argv_for_root_allows_root_and_passes_options_on():
    argv = lab.lab_argv(ROOT, ["--port", "9999", "--no-browser"], euid=0)
    assert argv[1] == "lab"
    assert f"--ServerApp.root_dir={ROOT}" in argv
    assert "--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb" in argv
    assert "--allow-root" in argv
    assert argv[-3:] == ["--port", "9999", "--no-browser"]
    # Never the old way: a notebook path makes its folder the root.
    assert not any(a.endswith(".ipynb") and not a.startswith("--") for a in argv)


def test_argv_for_an_ordinary_user_does_not_allow_root():
    argv = lab.lab_argv(ROOT, [], euid=1000)
    assert "--allow-root" not in argv
    assert f"--ServerApp.root_dir={ROOT}" in argv


MAKE_VARIABLES = {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"}


def test_make_lab_passes_args_to_the_launcher():
    # -n prints the commands without running them; -o skips the venv's rebuild;
    # a clean environment, as under `make test` a sub-make would print its folder.
    env = {k: v for k, v in os.environ.items() if k not in MAKE_VARIABLES}
    result = subprocess.run(
        [
            "make",
            "-n",
            "-o",
            ".venv/.installed",
            "lab",
            "ARGS=--port 9999 --no-browser",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    command = result.stdout.strip().splitlines()[-1]
    assert command.endswith("python -m coursekit.lab --port 9999 --no-browser")


def course_copy(folder: Path) -> Path:
    """A copy of what Lab must show: lessons, exercises, snapshots."""
    copy = folder / "course"
    for name in ("notebooks", "exercises", "sample_projects", "solutions"):
        shutil.copytree(ROOT / name, copy / name)
    for name in ("environment.yml", "nbgrader_config.py", "README.md"):
        shutil.copy(ROOT / name, copy / name)
    return copy


def get(url: str) -> tuple[int, str, str]:
    """Status, final URL and body of a GET with the token (redirects followed)."""
    request = urllib.request.Request(url, headers={"Authorization": f"token {TOKEN}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.url, response.read().decode()


def run_lab_and_check(
    copy: Path, home: Path, free_port, expected_euid: int, **popen
) -> None:
    port = free_port()
    env = {
        **os.environ,
        "HOME": str(home),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
    }
    log = home / "lab.log"
    with log.open("w") as output:
        process = lab.start(
            copy, port, TOKEN, env=env, stdout=output, stderr=output, **popen
        )
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            lab.wait_until_answering(process, url, TOKEN)
        except RuntimeError as error:
            raise AssertionError(log.read_text()[-3000:]) from error
        # The server itself runs as that user, with --allow-root only for root.
        status_lines = Path(f"/proc/{process.pid}/status").read_text().splitlines()
        euid = int(next(x for x in status_lines if x.startswith("Uid:")).split()[2])
        argv = Path(f"/proc/{process.pid}/cmdline").read_bytes().split(b"\0")
        assert any(part.endswith(b"jupyter-lab") for part in argv), argv
        assert (b"--allow-root" in argv) == (euid == 0), (euid, argv)
        assert euid == expected_euid
        # The root folder holds the whole course, not only notebooks/.
        _, _, body = get(f"{url}/api/contents/")
        names = {item["name"] for item in json.loads(body)["content"]}
        assert {"notebooks", "exercises", "sample_projects"} <= names, names
        exercise = "exercises/flask01_routing/flask01_routing.ipynb"
        status, _, _ = get(f"{url}/api/contents/{exercise}?content=0")
        assert status == 200
        # Opening Lab lands on the start notebook.
        status, final, _ = get(f"{url}/")
        assert final.endswith("/lab/tree/notebooks/00_start_here.ipynb"), final
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_lab_shows_the_whole_course_for_this_user(tmp_path, free_port):
    copy = course_copy(tmp_path)
    run_lab_and_check(copy, tmp_path, free_port, os.geteuid())


def as_nobody(course: Path) -> tuple[list[str], int]:
    """A command prefix that runs a program as `nobody`, and nobody's uid.

    The course's Python may live where only root may look (e.g. /root/.pyenv); then
    one capability to read or open files is kept, the first one this machine allows
    (containers drop some). Neither makes the user root, so Jupyter must start
    without --allow-root.
    """
    assert shutil.which("setpriv"), "setpriv (util-linux) is needed to test as root"
    nobody = pwd.getpwnam("nobody")
    base = ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}"]
    base.append("--clear-groups")
    for capability in (None, "dac_read_search", "dac_override"):
        keep = []
        if capability:
            keep = [f"--inh-caps=+{capability}", f"--ambient-caps=+{capability}"]
        # What `make lab` runs (the launcher, then Jupyter), asked only its version.
        probe = [*base, *keep, sys.executable, "-m", "coursekit.lab", "--version"]
        ran = subprocess.run(probe, cwd=course, capture_output=True, check=False)
        if ran.returncode == 0:
            return [*base, *keep], nobody.pw_uid
    raise AssertionError(f"`nobody` cannot run {sys.executable} on this machine")


def test_lab_shows_the_whole_course_for_an_ordinary_user(free_port):
    """As root, start it as `nobody` (no --allow-root then); else as yourself."""
    folder = Path(tempfile.mkdtemp(prefix="course-lab-"))
    try:
        folder.chmod(0o755)  # pytest's temporary folders are private to their owner
        copy = course_copy(folder)
        home = folder / "home"
        home.mkdir()
        wrapper, euid = [], os.geteuid()
        if euid == 0:
            wrapper, euid = as_nobody(copy)
            os.chown(home, euid, -1)
        run_lab_and_check(copy, home, free_port, euid, wrapper=wrapper)
    finally:
        shutil.rmtree(folder)
