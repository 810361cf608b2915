"""The JSON API: public bookmarks, for programs instead of people."""

from datetime import UTC

from flask import Blueprint, request

from .extensions import db
from .queries import public_bookmarks, tagged

bp = Blueprint("api", __name__, url_prefix="/api")


def to_json(bookmark):
    """A bookmark as a JSON-ready dict."""
    created_at = bookmark.created_at
    if created_at.tzinfo is None:  # SQLite drops the time zone; we store UTC
        created_at = created_at.replace(tzinfo=UTC)
    return {
        "id": bookmark.id,
        "url": bookmark.url,
        "title": bookmark.title,
        "notes": bookmark.notes,
        "tags": [tag.name for tag in bookmark.tags],
        "owner": bookmark.owner.username,
        "created_at": created_at.isoformat(),  # ISO 8601
    }


@bp.get("/bookmarks/")
def bookmark_list():
    """Public bookmarks, newest first; ``?tag=python`` keeps those tagged python.

    Flask turns a returned list or dict into a JSON response.
    """
    query = public_bookmarks()
    if tag := request.args.get("tag"):
        query = tagged(query, tag)
    return [to_json(bookmark) for bookmark in db.session.scalars(query)]
