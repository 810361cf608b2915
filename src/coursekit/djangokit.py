"""Django inside a running Jupyter kernel.

Django is configured from the real project files in the workspace (``mysite`` with
its ``settings.py``), exactly as ``manage.py`` does, so what the notebook runs is
what ``runserver`` runs.

Why ``DJANGO_ALLOW_ASYNC_UNSAFE``: a notebook cell runs while the kernel's asyncio
event loop is running, and Django refuses ORM calls from a thread with a running
event loop (``SynchronousOnlyOperation``), to protect async servers from blocking
database calls. Django's documentation names this variable for exactly this case:
Jupyter, where nothing else shares the loop. It is set only in the kernel; a real
deployment never sets it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_configured: tuple[str, str] | None = None


def django_setup(project_dir: str | os.PathLike, settings: str = "mysite.settings"):
    """Configure Django for the project in ``project_dir``; safe to call again.

    A second call with the same project only refreshes the URLconf (so new views
    written by a listing are found). Switching to another project needs a fresh
    kernel, because Django's settings and app registry are set once per process.
    """
    global _configured
    project = str(Path(project_dir).resolve())
    wanted = (project, settings)
    if _configured is not None:
        if _configured != wanted:
            raise RuntimeError(
                f"Django is already set up for {_configured[1]} in {_configured[0]}. "
                "Restart the kernel (Kernel → Restart Kernel) to switch projects."
            )
        _refresh_urls()
        return _settings()

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    os.environ["DJANGO_SETTINGS_MODULE"] = settings
    if os.environ.get("JUPYTERHUB_SERVICE_PREFIX"):
        # Behind JupyterHub/Binder the live app receives the hub's host name, which
        # only the hub's authenticated proxy can send; the course's settings read
        # extra allowed hosts from this variable.
        os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "*")
    if project in sys.path:
        sys.path.remove(project)
    sys.path.insert(0, project)

    import django

    django.setup()
    _configured = wanted
    return _settings()


def _settings():
    from django.conf import settings

    return settings


def _refresh_urls() -> None:
    """Forget cached URL patterns and re-import the project's URL modules."""
    from django.conf import settings
    from django.urls import clear_url_caches

    clear_url_caches()
    for name in list(sys.modules):
        if name == settings.ROOT_URLCONF or name.endswith((".urls", ".views")):
            if not name.startswith("django."):
                del sys.modules[name]
