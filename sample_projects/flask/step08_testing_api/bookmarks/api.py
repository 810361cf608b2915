"""The JSON API: public bookmarks, for programs instead of people."""

from datetime import UTC

from flask import Blueprint, request, url_for

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
    """Public bookmarks, newest first, 20 a page (``?page=N``).

    ``?tag=python`` keeps those tagged python. The body stays a plain list;
    the Link header points to the next and previous pages (as GitHub's API
    does), and a page past the end is a 404.
    """
    tag = request.args.get("tag")
    query = tagged(public_bookmarks(), tag) if tag else public_bookmarks()
    pagination = db.paginate(query, per_page=20)

    links = []
    if pagination.has_next:
        url = url_for(".bookmark_list", tag=tag, page=pagination.next_num)
        links.append(f'<{url}>; rel="next"')
    if pagination.has_prev:
        url = url_for(".bookmark_list", tag=tag, page=pagination.prev_num)
        links.append(f'<{url}>; rel="prev"')
    headers = {"Link": ", ".join(links)} if links else {}

    # Flask turns a returned list into JSON; the dict becomes headers.
    return [to_json(bookmark) for bookmark in pagination.items], headers
