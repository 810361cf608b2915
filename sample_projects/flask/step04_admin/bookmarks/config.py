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
    }


def production():
    """Settings for a real server: refuse to start without a real secret key."""
    if not os.environ.get("SECRET_KEY"):
        raise RuntimeError("Set the SECRET_KEY environment variable in production.")
    return development()


def from_environment():
    """The settings BOOKMARKS_ENV asks for: "production", else development."""
    if os.environ.get("BOOKMARKS_ENV") == "production":
        return production()
    return development()
