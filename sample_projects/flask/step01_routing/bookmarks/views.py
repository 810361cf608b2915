"""Bookmark pages, as tiny hand-made HTML (templates arrive in lesson 2)."""

from flask import Blueprint, abort, redirect, request, url_for
from markupsafe import escape

from .demo import BOOKMARKS

bp = Blueprint("bookmarks", __name__)


def bookmark_list(heading, bookmarks):
    """A minimal HTML page listing ``bookmarks`` as links to their pages.

    Text goes through escape(), so a title like "<script>" is shown as text
    instead of being run by the browser.
    """
    items = "".join(
        f'<li><a href="{url_for("bookmarks.detail", bookmark_id=b["id"])}">'
        f"{escape(b['title'])}</a></li>"
        for b in bookmarks
    )
    return f"<h1>{escape(heading)}</h1>\n<ul>{items}</ul>"


@bp.get("/")
def index():
    """The home page: every bookmark."""
    return bookmark_list("Bookmarks", BOOKMARKS)


@bp.get("/bookmarks/<int:bookmark_id>/")
def detail(bookmark_id):
    """One bookmark. The int converter makes "/bookmarks/two/" a 404 for us."""
    bookmark = next((b for b in BOOKMARKS if b["id"] == bookmark_id), None)
    if bookmark is None:
        abort(404)
    tags = ", ".join(
        f'<a href="{url_for("bookmarks.by_tag", name=tag)}">{escape(tag)}</a>'
        for tag in bookmark["tags"]
    )
    return (
        f"<h1>{escape(bookmark['title'])}</h1>\n"
        f'<p><a href="{escape(bookmark["url"])}">{escape(bookmark["url"])}</a></p>\n'
        f"<p>{escape(bookmark['notes'])}</p>\n"
        f"<p>Tags: {tags}</p>"
    )


@bp.get("/tags/<name>/")
def by_tag(name):
    """Bookmarks with the tag ``name``; an unknown tag is a 404."""
    tagged = [b for b in BOOKMARKS if name in b["tags"]]
    if not tagged:
        abort(404)
    return bookmark_list(f"Tag: {name}", tagged)


@bp.get("/search/")
def search():
    """Bookmarks whose title, url or notes contain ``?q=``, ignoring case."""
    q = request.args.get("q", "").strip()
    if not q:
        # Nothing to look for: send the browser to the home page instead.
        return redirect(url_for("bookmarks.index"))
    needle = q.casefold()
    found = [
        b
        for b in BOOKMARKS
        if any(needle in b[field].casefold() for field in ("title", "url", "notes"))
    ]
    return bookmark_list(f"Search: {q}", found)
