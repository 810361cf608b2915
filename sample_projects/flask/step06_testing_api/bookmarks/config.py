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


def production():
    """Settings for a real server: the secret key and the database must come
    from the environment, or the app refuses to start."""
    missing = [
        name for name in ("SECRET_KEY", "DATABASE_URL") if not os.environ.get(name)
    ]
    if missing:
        raise RuntimeError(f"Set {' and '.join(missing)} in the environment.")
    return development() | {
        "SESSION_COOKIE_SECURE": True,  # send the cookie over HTTPS only
    }


def from_environment():
    """The settings BOOKMARKS_ENV asks for: "production", else development."""
    if os.environ.get("BOOKMARKS_ENV") == "production":
        return production()
    return development()
