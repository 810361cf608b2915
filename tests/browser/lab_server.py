"""A JupyterLab started as `make lab` starts it, in a temporary copy of the course."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
from pathlib import Path

import pytest

from coursekit import browser as course_browser
from coursekit import lab as course_lab

ROOT = Path(__file__).resolve().parents[2]


def require_chromium() -> None:
    """Skip without Chromium, saying how to install it; fail instead under CI=1."""
    if course_browser.chromium_path() is None:
        if os.environ.get("CI") == "1":
            pytest.fail(course_browser.INSTALL_HINT, pytrace=False)
        pytest.skip(course_browser.INSTALL_HINT)


def copy_course(destination: Path) -> Path:
    """Copy the course (tracked files, and new ones not ignored) to ``destination``."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    if listed.returncode != 0:  # not a git checkout (a downloaded archive)
        ignored = shutil.ignore_patterns(".venv", "workspace", ".git", "__pycache__")
        return Path(shutil.copytree(ROOT, destination, ignore=ignored))
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = ROOT / name
        if source.is_file():  # a deleted file is still listed until committed
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return destination


class Lab:
    """A running JupyterLab: its address, token and the folders it uses."""

    def __init__(self, url: str, token: str, root: Path, workspace: Path):
        self.url, self.token, self.root, self.workspace = url, token, root, workspace

    def page_url(self, path: str) -> str:
        # ?reset: a fresh layout, not the tabs a previous test left open.
        return f"{self.url}/lab/tree/{path}?reset&token={self.token}"


def start_lab(
    folder: Path, port: int, *, extra=(), env_extra=None
) -> tuple[subprocess.Popen, Lab]:
    root = copy_course(folder / "course")
    token = secrets.token_hex(16)
    env = {
        **os.environ,
        "COURSE_WORKSPACE": str(folder / "workspace"),
        "JUPYTERLAB_SETTINGS_DIR": str(folder / "lab-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(folder / "lab-workspaces"),
        "JUPYTER_RUNTIME_DIR": str(folder / "runtime"),
        **(env_extra or {}),
    }
    for name in ("COURSE_ROOT", "JUPYTERHUB_SERVICE_PREFIX"):
        if name not in (env_extra or {}):
            env.pop(name, None)
    log = (folder / "lab.log").open("w")
    process = course_lab.start(
        root, port, token, extra=extra, env=env, stdout=log, stderr=log
    )
    base_url = next((a.split("=", 1)[1] for a in extra if "base_url=" in a), "/")
    url = f"http://127.0.0.1:{port}{base_url.rstrip('/')}"
    try:
        course_lab.wait_until_answering(process, url, token)
    except Exception:
        stop(process)
        raise RuntimeError((folder / "lab.log").read_text()[-3000:]) from None
    return process, Lab(url, token, root, folder / "workspace")


def stop(process: subprocess.Popen) -> None:
    # SIGTERM: Jupyter shuts its kernels (and their live apps) down cleanly.
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
