"""Settings: development defaults, overridden from the environment."""

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


def from_environment():
    """The settings for this run. (Lesson 7 adds production settings.)"""
    return development()
