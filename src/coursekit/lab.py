"""Open the course in JupyterLab: ``python -m coursekit.lab [jupyter lab options]``.

``make lab`` runs this. The repository root is Lab's root folder, so the lessons'
links to ``exercises/``, ``sample_projects/`` and ``workspace/`` resolve, and the
start notebook is opened by URL (``jupyter lab path/to/notebook.ipynb`` would make
the notebook's own folder the root). Jupyter refuses to run as root without
``--allow-root`` (containers, CI, many cloud machines), so it is added then only.
Any other options are passed on, e.g. ``make lab ARGS="--port 9999 --no-browser"``.
"""

from __future__ import annotations

import os
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


def main(argv: list[str] | None = None) -> None:
    extra = sys.argv[1:] if argv is None else argv
    root = paths.course_root()
    command = lab_argv(root, extra)
    print(f"Opening the course in JupyterLab: {root}", flush=True)
    # Replace this process, so Ctrl+C and the exit status are Jupyter's own.
    os.execv(command[0], command)


if __name__ == "__main__":
    main()
