"""Configure the Jupyter install in the course environment for learners.

Run by ``make lab``'s set-up and by Binder's ``postBuild``. Learners get nbgrader's
Validate button and assignment list; the instructor-only parts (formgrader and the
create-assignment toolbar) are hidden. Instructors re-enable them with
``python -m coursekit.jupyter_setup --instructor``.

Idle kernels are shut down after 20 minutes, open tab or not. Each lesson's kernel
holds 80-145 MB and the server about 145 MB, so a learner who opens every lesson
would pass Binder's 2 GB limit; a kernel that ran nothing for 20 minutes is what
that learner no longer needs. (A live app counts as idle: re-run its cell.) The
setting goes in the environment's own ``etc/jupyter/jupyter_server_config.json``,
which Lab reads wherever it is started from, on Binder (``postBuild``) and locally
(``make venv``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

INSTRUCTOR_LAB_PLUGINS = [
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
]
INSTRUCTOR_SERVER_EXTENSIONS = ["nbgrader.server_extensions.formgrader"]
# Jupyter Server's idle-kernel culling (seconds). Connected kernels are culled too:
# otherwise every open tab would keep its kernel forever.
CULLING = {
    "cull_idle_timeout": 20 * 60,
    "cull_interval": 60,
    "cull_connected": True,
    "cull_busy": False,
}


def server_config_file(prefix: str | Path = sys.prefix) -> Path:
    """The environment-wide Jupyter Server config file (the ``--sys-prefix`` level)."""
    return Path(prefix) / "etc" / "jupyter" / "jupyter_server_config.json"


def write_culling(prefix: str | Path = sys.prefix) -> Path:
    """Merge the culling settings into the environment's server config file."""
    path = server_config_file(prefix)
    config = json.loads(path.read_text()) if path.is_file() else {}
    config.setdefault("MappingKernelManager", {}).update(CULLING)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(config, indent=2) + "\n")
    return path


def _jupyter(*args: str) -> None:
    jupyter = Path(sys.executable).with_name("jupyter")
    subprocess.run([str(jupyter), *args], check=True, capture_output=True, text=True)


def configure(instructor: bool = False) -> None:
    action = "enable" if instructor else "disable"
    for plugin in INSTRUCTOR_LAB_PLUGINS:
        _jupyter("labextension", action, "--level=sys_prefix", plugin)
    for extension in INSTRUCTOR_SERVER_EXTENSIONS:
        _jupyter("server", "extension", action, "--sys-prefix", extension)
    write_culling()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--instructor",
        action="store_true",
        help="show formgrader and create-assignment",
    )
    args = parser.parse_args(argv)
    configure(instructor=args.instructor)
    who = "instructor" if args.instructor else "learner"
    print(f"Jupyter configured for the {who} view.")


if __name__ == "__main__":
    main()
