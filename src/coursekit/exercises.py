"""Generate the learners' exercises (nbgrader release) from the solutions (source).

python -m coursekit.exercises generate   # nbgrader generate_assignment, each one
python -m coursekit.exercises check      # exit 1 if exercises/ has drifted
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import paths


def nbgrader(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run nbgrader from this environment, whether or not it is activated.

    nbgrader itself calls programs such as ``alembic`` by name, so this
    environment's scripts go first on PATH.
    """
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": os.pathsep.join([str(bin_dir), os.environ["PATH"]])}
    return subprocess.run(
        [str(bin_dir / "nbgrader"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def assignments(root: Path | None = None) -> list[str]:
    root = root or paths.course_root()
    return sorted(p.name for p in (root / "solutions").iterdir() if p.is_dir())


def generate(root: Path | None = None, names: list[str] | None = None) -> None:
    root = root or paths.course_root()
    for name in names or assignments(root):
        result = nbgrader("generate_assignment", name, "--force", cwd=root)
        if result.returncode != 0:
            raise RuntimeError(f"generate_assignment {name} failed:\n{result.stderr}")
        print(f"wrote exercises/{name}")


def copy_course(root: Path, target: Path) -> Path:
    """The parts of the course nbgrader needs, copied to ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("nbgrader_config.py", "environment.yml"):
        shutil.copy2(root / name, target / name)
    for folder in ("solutions", "exercises"):
        shutil.copytree(root / folder, target / folder)
    return target


def check(root: Path | None = None) -> list[str]:
    """Regenerate in a temporary copy; list what differs from the committed release."""
    root = root or paths.course_root()
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        copy = copy_course(root, Path(tmp) / "course")
        shutil.rmtree(copy / "exercises")
        generate(copy)
        for name in assignments(root):
            fresh, committed = copy / "exercises" / name, root / "exercises" / name
            if not committed.is_dir():
                problems.append(f"exercises/{name}: missing (run `make exercises`)")
                continue
            problems += compare_dirs(fresh, committed, f"exercises/{name}")
        extra = {p.name for p in (root / "exercises").iterdir() if p.is_dir()}
        for name in sorted(extra - set(assignments(root))):
            problems.append(f"exercises/{name}: has no source in solutions/")
    return problems


def compare_dirs(fresh: Path, committed: Path, label: str) -> list[str]:
    comparison = filecmp.dircmp(fresh, committed, ignore=["__pycache__"])
    problems = [f"{label}/{n}: not generated" for n in comparison.right_only]
    problems += [f"{label}/{n}: missing" for n in comparison.left_only]
    problems += [
        f"{label}/{n}: differs from a fresh release" for n in comparison.diff_files
    ]
    for sub in comparison.common_dirs:
        problems += compare_dirs(fresh / sub, committed / sub, f"{label}/{sub}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["generate", "check"])
    args = parser.parse_args(argv)
    if args.action == "generate":
        generate()
        return 0
    problems = check()
    print("\n".join(problems) or "exercises/ matches a fresh release of solutions/.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
