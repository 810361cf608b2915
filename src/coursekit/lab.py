"""Open the course in JupyterLab: ``python -m coursekit.lab [jupyter lab options]``.

``make lab`` runs this. The repository root is Lab's root folder, so the lessons'
links to ``exercises/``, ``sample_projects/`` and ``workspace/`` resolve, and the
start notebook is opened by URL (``jupyter lab path/to/notebook.ipynb`` would make
the notebook's own folder the root). Jupyter refuses to run as root without
``--allow-root`` (containers, CI, many cloud machines), so it is added then only.
Any other options are passed on, e.g. ``make lab ARGS="--port 9999 --no-browser"``.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from . import paths

START_NOTEBOOK = "notebooks/00_start_here.ipynb"
START_URL = f"/lab/tree/{START_NOTEBOOK}"


def lab_argv(
    root: Path, extra: list[str] | tuple[str, ...] = (), euid: int | None = None
) -> list[str]:
    """The ``jupyter lab`` command line for the course at ``root``."""
    euid = os.geteuid() if euid is None else euid
    jupyter = Path(sys.executable).with_name("jupyter")
    argv = [
        str(jupyter),
        "lab",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.default_url={START_URL}",
    ]
    if euid == 0:
        argv.append("--allow-root")
    return [*argv, *extra]


def start(
    root: Path,
    port: int,
    token: str,
    *,
    extra: list[str] | tuple[str, ...] = (),
    env: dict | None = None,
    wrapper: list[str] | tuple[str, ...] = (),
    **popen,
) -> subprocess.Popen:
    """Start Lab as ``make lab`` does, headless, on ``port`` with ``token``.

    For the course's checks and ``make bench``. ``wrapper`` goes before the command
    (e.g. ``setpriv`` to run it as another user); ``popen`` to subprocess.Popen.
    """
    options = ["--no-browser", f"--port={port}", f"--IdentityProvider.token={token}"]
    return subprocess.Popen(
        [*wrapper, sys.executable, "-m", "coursekit.lab", *options, *extra],
        cwd=root,
        env=env,
        stdin=subprocess.DEVNULL,
        **popen,
    )


def wait_until_answering(
    process: subprocess.Popen, url: str, token: str, timeout: float = 120
) -> None:
    """Return once the server at ``url`` answers its status API; fail if it exits."""
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(
        f"{url}/api/status", headers={"Authorization": f"token {token}"}
    )
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(request, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.05)  # the port is not open yet: poll again
    raise TimeoutError(f"JupyterLab did not answer at {url} within {timeout:.0f} s")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def api(url: str, token: str, path: str, body: dict | None = None):
    """Call the server's REST API (POST when there is a body); the decoded answer."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{url}/api/{path}", data=data)
    request.add_header("Authorization", f"token {token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


def tree_rss_mb(pid: int) -> float:
    """Resident memory of the descendants of ``pid`` (Linux /proc), in MB."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError):  # the process has just ended
            continue
        children.setdefault(parent, []).append(int(stat.parent.name))
    total, todo = 0, list(children.get(pid, []))
    while todo:
        current = todo.pop()
        todo += children.get(current, [])
        try:
            status = Path(f"/proc/{current}/status").read_text().splitlines()
        except OSError:
            continue
        total += sum(int(x.split()[1]) for x in status if x.startswith("VmRSS:"))
    return total / 1024


def main(argv: list[str] | None = None) -> None:
    extra = sys.argv[1:] if argv is None else argv
    root = paths.course_root()
    command = lab_argv(root, extra)
    print(f"Opening the course in JupyterLab: {root}", flush=True)
    # Replace this process, so Ctrl+C and the exit status are Jupyter's own.
    os.execv(command[0], command)


if __name__ == "__main__":
    main()
