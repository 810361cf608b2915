"""Configure the Jupyter install in the course environment for learners.

Run by ``make lab``'s set-up and by Binder's ``postBuild``. Learners get nbgrader's
Validate button and assignment list; the instructor-only parts (formgrader and the
create-assignment toolbar) are hidden. Instructors re-enable them with
``python -m coursekit.jupyter_setup --instructor``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

INSTRUCTOR_LAB_PLUGINS = [
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
]
INSTRUCTOR_SERVER_EXTENSIONS = ["nbgrader.server_extensions.formgrader"]


def _jupyter(*args: str) -> None:
    jupyter = Path(sys.executable).with_name("jupyter")
    subprocess.run([str(jupyter), *args], check=True, capture_output=True, text=True)


def configure(instructor: bool = False) -> None:
    action = "enable" if instructor else "disable"
    for plugin in INSTRUCTOR_LAB_PLUGINS:
        _jupyter("labextension", action, "--level=sys_prefix", plugin)
    for extension in INSTRUCTOR_SERVER_EXTENSIONS:
        _jupyter("server", "extension", action, "--sys-prefix", extension)


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
