"""JupyterHub for one class on one server (see README.md in this folder).

- Users are the server's Unix accounts (PAM): the members of two Unix groups, one
  for instructors (hub admins, with formgrader) and one for learners.
- Each user's server runs as that user (LocalProcessSpawner) in the course's own
  environment (its .venv), in their home folder, where their first start puts a
  copy of the course: the full edition for instructors, the learner edition for
  learners. A copy that exists is never touched again.
- nbgrader's exchange is one folder shared by all (mode 1777, as nbgrader documents).
- The live app of a lesson reaches the browser through jupyter-server-proxy
  (``/user/<name>/proxy/absolute/<port>/``), which the course environment has.

Every setting below comes from an environment variable with a default that fits
the layout of README.md. Run from the folder that holds the hub's state (database,
cookie secret), as root::

    cd /srv/jupyterhub
    /srv/bookmarks-course/deploy/jupyterhub/.venv/bin/jupyterhub \\
        -f /srv/bookmarks-course/deploy/jupyterhub/jupyterhub_config.py
"""

from __future__ import annotations

import asyncio
import grp
import os
import pwd
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The full edition of the course (a clone of the repository): instructors' copies.
COURSE = Path(os.environ.get("COURSE_FULL_EDITION", HERE.parents[1]))
# Built with `make edition OUT=/srv/bookmarks-course-learner`: learners' copies.
LEARNER_EDITION = Path(
    os.environ.get("COURSE_LEARNER_EDITION", "/srv/bookmarks-course-learner")
)
# The course environment every server runs: `make venv` in the learner edition (with a
# Python 3.11 every user may run), plus jupyterhub-singleuser from requirements.txt.
VENV = Path(os.environ.get("COURSE_VENV", LEARNER_EDITION / ".venv"))
INSTRUCTOR_GROUP = os.environ.get("COURSE_INSTRUCTOR_GROUP", "course-instructors")
LEARNER_GROUP = os.environ.get("COURSE_LEARNER_GROUP", "course-learners")
# The copy of the course in each home folder.
COURSE_FOLDER = os.environ.get("COURSE_FOLDER", "bookmarks-course")
# The instructor settings shared with the course's nbgrader_config.py.
NBGRADER_SETTINGS = {
    "COURSE_ID": os.environ.get("COURSE_ID", "flask-django-bookmarks"),
    "COURSE_EXCHANGE_ROOT": os.environ.get(
        "COURSE_EXCHANGE_ROOT", "/srv/nbgrader/exchange"
    ),
}
for name in ("COURSE_TIMEZONE", "COURSE_LATE_PENALTY_PER_HOUR"):
    if name in os.environ:
        NBGRADER_SETTINGS[name] = os.environ[name]
# Local state, never copied into a user's course folder (nor any virtualenv).
NOT_COPIED = {".git", "workspace", "node_modules", "__pycache__"}


def not_copied(folder: str, names: list[str]) -> set[str]:
    return {
        name
        for name in names
        if name in NOT_COPIED
        or name.endswith("_cache")
        or os.path.exists(os.path.join(folder, name, "pyvenv.cfg"))
    }


c = get_config()  # noqa: F821 - provided by JupyterHub

c.JupyterHub.bind_url = os.environ.get("COURSE_HUB_URL", "http://:8000")

# Log in with the server's Unix accounts; only the course's two groups may.
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.allowed_groups = {INSTRUCTOR_GROUP, LEARNER_GROUP}
c.PAMAuthenticator.admin_groups = {INSTRUCTOR_GROUP}

# One process per user, as that user, from the course environment.
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(VENV / "bin" / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = f"/lab/tree/{COURSE_FOLDER}/notebooks/00_start_here.ipynb"
# A whole class starting at once on one machine is slow: wait longer than 60 s/30 s.
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 120

# configurable-http-proxy from npm, installed next to this file by `npm ci`.
proxy = HERE / "node_modules" / ".bin" / "configurable-http-proxy"
if proxy.exists():
    c.ConfigurableHTTPProxy.command = [str(proxy)]


def is_instructor(name: str) -> bool:
    try:
        group = grp.getgrnam(INSTRUCTOR_GROUP)
    except KeyError:
        return False
    return name in group.gr_mem or pwd.getpwnam(name).pw_gid == group.gr_gid


def copy_course(source: Path, home: Path, uid: int, gid: int) -> None:
    """Give a user their own copy of the course, once; never overwrite one."""
    target = home / COURSE_FOLDER
    if target.exists():
        return
    if not (source / "notebooks").is_dir():
        raise RuntimeError(f"No course at {source}: see deploy/jupyterhub/README.md")
    shutil.copytree(source, target, ignore=not_copied, symlinks=True)
    for folder, dirs, files in os.walk(target):
        os.lchown(folder, uid, gid)
        for name in dirs + files:
            os.lchown(os.path.join(folder, name), uid, gid)


async def prepare(spawner) -> None:
    """Before a server starts: its course copy, its role and nbgrader's settings."""
    name = spawner.user.name
    account = pwd.getpwnam(name)
    home = Path(account.pw_dir)
    instructor = is_instructor(name)
    # In a thread: the hub goes on serving (and starting) everyone else meanwhile.
    await asyncio.to_thread(
        copy_course,
        COURSE if instructor else LEARNER_EDITION,
        home,
        account.pw_uid,
        account.pw_gid,
    )
    # Earlier folders in JUPYTER_CONFIG_PATH win, and all of them win over the
    # course environment's own settings (which hide formgrader).
    config_path = [HERE / "jupyter" / "everyone"]
    environment = {
        **NBGRADER_SETTINGS,
        "PATH": os.pathsep.join(
            [str(VENV / "bin"), "/usr/local/bin", "/usr/bin", "/bin"]
        ),
    }
    if instructor:
        config_path.insert(0, HERE / "jupyter" / "instructor")
        environment["COURSE_DIRECTORY"] = str(home / COURSE_FOLDER)
    environment["JUPYTER_CONFIG_PATH"] = os.pathsep.join(map(str, config_path))
    spawner.environment = {**spawner.environment, **environment}


c.Spawner.pre_spawn_hook = prepare


def protect_answers(course: Path) -> None:
    """Learners log in to this server: the answers (solutions/ and the git history
    holding them) must be readable by root and their owner only."""
    for private in (course / "solutions", course / ".git"):
        if private.exists():
            private.chmod(private.stat().st_mode & 0o700)


protect_answers(COURSE)


def ensure_exchange(root: Path) -> None:
    """nbgrader's exchange: everyone may write, nobody may remove others' files."""
    root.mkdir(parents=True, exist_ok=True)
    root.chmod(0o1777)


ensure_exchange(Path(NBGRADER_SETTINGS["COURSE_EXCHANGE_ROOT"]))
