"""Production settings: the development ones, made strict.

Use them by setting environment variables (never commit the key):

    DJANGO_SETTINGS_MODULE=mysite.settings_production
    DJANGO_SECRET_KEY=...50 or more random characters...
    DJANGO_ALLOWED_HOSTS=bookmarks.example.org
    DATABASE_URL=postgres://user:password@host:5432/bookmarks

Make a key with:
    python -c "import secrets; print(secrets.token_urlsafe(50))"
Then `python manage.py check --deploy` reviews the configuration.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .settings import *  # noqa: F403
from .settings import MIDDLEWARE, env_list

DEBUG = False

# No defaults here: refuse to start rather than run with a guessable key. The
# rules are those of check --deploy (security.W009): 50+ characters, 5+
# different ones, and not Django's generated "django-insecure-" placeholder,
# which the development default also starts with.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if (
    len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
    or SECRET_KEY.startswith("django-insecure-")
):
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY to 50+ random characters.")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS, e.g. bookmarks.example.org")

# settings.py reads DATABASE_URL. Here it is required, so that a server never
# writes to the development file next to the code by accident. (SQLite can
# still be chosen on purpose: DATABASE_URL=sqlite:////srv/bookmarks/db.sqlite3.)
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured("Set DATABASE_URL, e.g. postgres://user:pw@host/db")

# HTTPS only. SecurityMiddleware redirects http:// to https://, and HSTS tells
# browsers to use https:// by themselves, here for a year and for subdomains too.
# While you first try HTTPS on a new domain, DJANGO_HSTS_SECONDS=3600 keeps a
# mistake short-lived: browsers remember the header for that long.
# Behind a proxy that handles HTTPS, gunicorn marks a request as https when the
# proxy says so (X-Forwarded-Proto) from an address in FORWARDED_ALLOW_IPS
# (default: 127.0.0.1), so SECURE_PROXY_SSL_HEADER is not needed.
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Browsers send these cookies over HTTPS only.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Static files: `manage.py collectstatic` copies them to STATIC_ROOT, and
# WhiteNoise serves them from there, right after SecurityMiddleware (so they get
# its headers and its HTTPS redirect). The storage adds a hash of each file's
# content to its name (style.3f2a….css) and gzips it: browsers may then cache
# a file for ever, because a changed file gets a new name.
MIDDLEWARE = [
    MIDDLEWARE[0],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Log warnings and errors (with tracebacks) to stderr, where gunicorn and the
# host's log collection see them: by default Django prints them only in DEBUG.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# check --deploy also suggests SECURE_HSTS_PRELOAD (security.W021): asking
# browsers to hard-code the domain as HTTPS-only is for the domain's owner to
# decide, not a default.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
