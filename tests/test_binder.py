"""Binder: repo2docker builds the course from environment.yml and runs postBuild,
and Jupyter culls idle kernels so a learner stays under Binder's memory limit."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from coursekit import jupyter_setup, paths

ROOT = paths.course_root()
# repo2docker is a tool, not a course dependency: it gets a throwaway environment
# next to the course's, built once and reused.
REPO2DOCKER = "jupyter-repo2docker==2026.4.0"
TOOLS = Path(sys.prefix) / "share" / "coursekit-tools" / REPO2DOCKER.replace("==", "-")


def repo2docker() -> Path:
    """The repo2docker program, installed on first use (one installer at a time)."""
    import fcntl

    TOOLS.parent.mkdir(parents=True, exist_ok=True)
    done = TOOLS / "installed"
    with open(TOOLS.with_name(TOOLS.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.is_file():
            shutil.rmtree(TOOLS, ignore_errors=True)  # a half-made one
            subprocess.run([sys.executable, "-m", "venv", TOOLS], check=True)
            result = subprocess.run(
                [TOOLS / "bin" / "python", "-m", "pip", "install", "-q", REPO2DOCKER],
                capture_output=True,
                text=True,
            )
            assert result.returncode == 0, f"installing {REPO2DOCKER}:\n{result.stderr}"
            done.touch()
    return TOOLS / "bin" / "repo2docker"


@pytest.mark.slow
def test_repo2docker_builds_from_environment_yml_and_runs_postbuild():
    result = subprocess.run(
        [
            str(repo2docker()),
            "--no-build",
            "--no-run",
            "--user-id",
            "1000",
            "--user-name",
            "jovyan",
            ".",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    dockerfile = result.stdout
    lines = dockerfile.splitlines()

    def line_of(text: str) -> int:
        found = [i for i, line in enumerate(lines) if text in line]
        assert found, f"the Dockerfile has no line with {text!r}"
        return found[0]

    assert "Building conda environment for python=3.11" in result.stderr
    environment = line_of("src/environment.yml ${REPO_DIR}/environment.yml")
    update = line_of('env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"')
    repository = line_of("COPY --chown=1000:1000 src/ ${REPO_DIR}/")
    post_build = line_of("RUN ./postBuild")
    # The environment is built from environment.yml alone, before the rest of the
    # repository is copied: Binder reuses it until environment.yml changes.
    assert environment < update < repository < post_build
    assert "requirements.txt" not in dockerfile, "one list of dependencies"


def test_environment_stays_cacheable_and_postbuild_sets_up_the_course():
    pip_lines = [
        line.strip()
        for line in (ROOT / "environment.yml").read_text().splitlines()
        if line.strip().startswith("- ")
    ]
    # `-e .` or `-r file` in the pip section would make Binder rebuild on every commit.
    assert not [line for line in pip_lines if line[2:].startswith(("-e", "-r"))]
    assert "  - python=3.11\n" in (ROOT / "environment.yml").read_text()
    post_build = ROOT / "postBuild"
    assert os.access(post_build, os.X_OK), "postBuild must be executable"
    script = post_build.read_text()
    assert "pip install --no-deps" in script and " -e ." in script
    assert "python -m coursekit.jupyter_setup" in script
    assert not (ROOT / "binder").exists(), "a binder/ folder hides the root files"


CULLING = """
from jupyter_server.serverapp import ServerApp
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

app = ServerApp()
app.load_config_file()  # as `jupyter lab` does, from every Jupyter config folder
manager = AsyncMappingKernelManager(parent=app)  # the server's kernel manager
print(type(manager).__name__, manager.cull_idle_timeout, manager.cull_interval,
      manager.cull_connected, manager.cull_busy)
"""


def test_jupyter_culls_idle_kernels(tmp_path):
    """The setting jupyter_setup writes reaches the kernel manager Lab uses."""
    prefix = tmp_path / "env"
    path = jupyter_setup.write_culling(prefix)
    path.write_text(  # merged into an existing file, not replacing it
        json.dumps({**json.loads(path.read_text()), "ServerApp": {"port": 1}})
    )
    jupyter_setup.write_culling(prefix)
    assert json.loads(path.read_text())["ServerApp"] == {"port": 1}
    env = {**os.environ, "JUPYTER_CONFIG_PATH": str(path.parent)}
    env.pop("JUPYTER_CONFIG_DIR", None)
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CULLING)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    name, timeout, interval, connected, busy = result.stdout.split()
    assert name == "AsyncMappingKernelManager"
    assert (int(timeout), int(interval), connected, busy) == (1200, 60, "True", "False")
    # Binder's postBuild and `make venv` write it where every Lab of this
    # environment looks: the environment's own config folder.
    from jupyter_core.paths import jupyter_config_path

    default = jupyter_setup.server_config_file()
    assert default.parent == Path(sys.prefix) / "etc" / "jupyter"
    assert str(default.parent) in jupyter_config_path()
