"""Settings: development defaults, production values from the environment."""

import os


def development():
    """Settings for your own machine."""
    return {
        # "dev" is an obvious placeholder: fine on a laptop, fatal on a server,
        # because anyone who knows the key can forge the app's signed cookies.
        "SECRET_KEY": os.environ.get("SECRET_KEY", "dev"),
        # A relative SQLite path lives in the app's instance/ folder.
        "SQLALCHEMY_DATABASE_URI": os.environ.get(
            "DATABASE_URL", "sqlite:///bookmarks.db"
        ),
        # The session cookie is out of JavaScript's reach (HttpOnly) and is not
        # sent with requests that other sites start (SameSite=Lax).
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
    }


# Keys that anyone can read: the development default and common placeholders.
KNOWN_KEYS = {"dev", "secret", "changeme", "change-me", "placeholder"}


def production():
    """Settings for a real server: refuse to start without a real secret key
    and the site's host names."""
    key = os.environ.get("SECRET_KEY", "")
    if key.lower() in KNOWN_KEYS or len(key) < 50:
        raise RuntimeError(
            "Set SECRET_KEY to 50 or more random characters, made with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    # Links that leave the site (a password-reset email, an absolute redirect)
    # are built from the request's Host header: answer only to our own names.
    names = os.environ.get("TRUSTED_HOSTS", "").split(",")
    hosts = [name.strip() for name in names if name.strip()]
    if not hosts:
        raise RuntimeError(
            "Set TRUSTED_HOSTS to the site's host names, comma-separated, "
            "e.g. bookmarks.example.org,www.bookmarks.example.org"
        )
    return development() | {
        "SECRET_KEY": key,
        "SESSION_COOKIE_SECURE": True,  # send the cookie over HTTPS only
        "HTTPS_ONLY": True,  # security.py: redirect to HTTPS, send HSTS
        "PREFERRED_URL_SCHEME": "https",  # url_for(..., _external=True)
        "TRUSTED_HOSTS": hosts,  # any other Host header gets 400 Bad Request
    }


def from_environment():
    """The settings BOOKMARKS_ENV asks for: "production", else development."""
    if os.environ.get("BOOKMARKS_ENV") == "production":
        return production()
    return development()
