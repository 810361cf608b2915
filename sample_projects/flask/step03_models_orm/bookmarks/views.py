"""Bookmark pages, rendered with Jinja templates."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from .demo import BOOKMARKS
from .forms import BookmarkForm

bp = Blueprint("bookmarks", __name__)


@bp.get("/")
def index():
    """The home page: every bookmark."""
    return render_template(
        "bookmarks/list.html", heading="Latest bookmarks", bookmarks=BOOKMARKS
    )


@bp.get("/bookmarks/<int:bookmark_id>/")
def detail(bookmark_id):
    """One bookmark. The int converter makes "/bookmarks/two/" a 404 for us."""
    bookmark = next((b for b in BOOKMARKS if b["id"] == bookmark_id), None)
    if bookmark is None:
        abort(404)
    return render_template("bookmarks/detail.html", bookmark=bookmark)


@bp.get("/tags/<name>/")
def by_tag(name):
    """Bookmarks with the tag ``name``; an unknown tag is a 404."""
    tagged = [b for b in BOOKMARKS if name in b["tags"]]
    if not tagged:
        abort(404)
    return render_template(
        "bookmarks/list.html", heading=f"Tag: {name}", bookmarks=tagged
    )


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
    return render_template(
        "bookmarks/list.html", heading=f"Search: {q}", bookmarks=found
    )


@bp.route("/bookmarks/new/", methods=["GET", "POST"])
def new():
    """GET shows an empty form; a valid POST saves the bookmark and redirects."""
    form = BookmarkForm()
    if form.validate_on_submit():  # a POST with a valid CSRF token and valid data
        bookmark = {
            "id": max(b["id"] for b in BOOKMARKS) + 1,
            "url": form.url.data,
            "title": form.title.data,
            # A client that leaves the field out sends no notes at all: store "".
            "notes": form.notes.data or "",
            "tags": form.tags.data,
            "private": form.private.data,
        }
        BOOKMARKS.insert(0, bookmark)  # new bookmarks go to the top
        flash("Bookmark saved.")
        # Post/redirect/get: reloading the next page won't send the form again.
        return redirect(url_for("bookmarks.detail", bookmark_id=bookmark["id"]))
    # A GET, or a POST with errors: show the form (with its error messages).
    return render_template("bookmarks/form.html", form=form, heading="New bookmark")
