"""Helpers for the course notebooks.

Small rooms with one job each; no application code lives here (the app is written
by the lessons' listing cells and kept in ``sample_projects/``).

- :func:`catch_up` prepares a lesson's workspace from the previous step's snapshot.
- ``%%listing path`` (a cell magic, loaded by ``catch_up``) writes one app file.
- :func:`serve` / :func:`stop` run a WSGI app in a background thread with a link
  that works locally and behind JupyterHub/Binder.
- :func:`django_setup` configures Django inside a running kernel, and
  :func:`live_app` gives its project to :func:`serve` as runserver would.
"""

from .catchup import Workspace, catch_up
from .djangokit import django_setup, live_app
from .server import serve, stop

__all__ = ["Workspace", "catch_up", "django_setup", "live_app", "serve", "stop"]
