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
        _refresh_code()
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


# Modules Django registers once per process: re-importing them would register
# models, apps or admin classes twice. Everything else in the project is reloaded.
_LOADED_ONCE = {
    "models",
    "apps",
    "admin",
    "migrations",
    "management",
    "settings",
    "wsgi",
}


def _refresh_code() -> None:
    """Re-import the project's views, URLconfs, forms… and forget cached templates,
    so files rewritten by listings take effect without restarting the kernel."""
    from django.template.autoreload import reset_loaders
    from django.urls import clear_url_caches

    project = _configured[0]
    for name, module in list(sys.modules.items()):
        location = getattr(module, "__file__", None) or ""
        if not location.startswith(project) or hasattr(module, "__path__"):
            continue
        parts = name.split(".")
        if any(part.startswith(tuple(_LOADED_ONCE)) for part in parts):
            continue
        del sys.modules[name]
        parent = sys.modules.get(".".join(parts[:-1]))
        if parent is not None:
            # `from . import views` would otherwise find the old module here.
            parent.__dict__.pop(parts[-1], None)
    clear_url_caches()
    reset_loaders()


def live_app():
    """The project as ``runserver`` serves it, for :func:`coursekit.serve`.

    Like runserver, it serves static files itself (in development only). Behind
    JupyterHub the app lives under the proxy's path, so static files are looked up
    by the path *inside* the app, and ``STATIC_URL``, which Django computes once with
    the script prefix of whoever reads it first, is recomputed for each request.
    """
    from django.conf import settings
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.contrib.staticfiles.views import serve
    from django.core.wsgi import get_wsgi_application

    class StaticFiles(StaticFilesHandler):
        def get_base_url(self):
            raw = settings._wrapped.STATIC_URL  # as written in settings.py
            return raw if "://" in raw else "/" + raw.lstrip("/")

        def serve(self, request):
            return serve(request, self.file_path(request.path_info), insecure=True)

    app = StaticFiles(get_wsgi_application())

    def forget_static_url():
        # What override_settings does when a test changes STATIC_URL: the cached
        # value and the static files storage built from it are dropped.
        import django.test.signals  # noqa: F401 - connects the receivers
        from django.test.signals import setting_changed

        settings.__dict__.pop("STATIC_URL", None)
        setting_changed.send(
            sender=type(settings), setting="STATIC_URL", value=None, enter=False
        )

    def live(environ, start_response):
        prefixed = bool(environ.get("SCRIPT_NAME"))
        if prefixed:
            forget_static_url()
        try:
            return app(environ, start_response)
        finally:
            if prefixed:  # the kernel's own test Client has no prefix
                forget_static_url()

    return live
