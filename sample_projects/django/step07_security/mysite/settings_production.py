"""Production settings: the development ones, made strict.

Use them by setting environment variables (never commit the key):

    DJANGO_SETTINGS_MODULE=mysite.settings_production
    DJANGO_SECRET_KEY=...50 or more random characters...
    DJANGO_ALLOWED_HOSTS=bookmarks.example.org

Make a key with:
    python -c "import secrets; print(secrets.token_urlsafe(50))"
Then `python manage.py check --deploy` reviews the configuration.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .settings import *  # noqa: F403
from .settings import env_list

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

# HTTPS only. SecurityMiddleware redirects http:// to https://, and HSTS tells
# browsers to use https:// by themselves, here for a year and for subdomains too.
# While you first try HTTPS on a new domain, DJANGO_HSTS_SECONDS=3600 keeps a
# mistake short-lived: browsers remember the header for that long.
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Browsers send these cookies over HTTPS only.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# check --deploy also suggests SECURE_HSTS_PRELOAD (security.W021): asking
# browsers to hard-code the domain as HTTPS-only is for the domain's owner to
# decide, not a default.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
