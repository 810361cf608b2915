"""Helpers that create test data with sensible defaults."""

from django.contrib.auth import get_user_model

from bookmarks.models import Bookmark


def make_user(username, **fields):
    """A user with no usable password (no slow hashing); tests log in with
    client.force_login(user)."""
    return get_user_model().objects.create_user(username, **fields)


def make_bookmark(owner, tags=(), **fields):
    """A public bookmark titled "Example" unless ``fields`` say otherwise."""
    fields.setdefault("url", "https://example.com/")
    fields.setdefault("title", "Example")
    bookmark = Bookmark.objects.create(owner=owner, **fields)
    bookmark.set_tags(tags)
    return bookmark
