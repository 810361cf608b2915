"""Bookmark pages, backed by the database."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from .demo import demo_user
from .extensions import db
from .forms import BookmarkForm
from .models import Bookmark, Tag, User
from .queries import (
    get_or_create_tags,
    matching,
    popular_tags,
    public_bookmarks,
    tagged,
)

bp = Blueprint("bookmarks", __name__)


def bookmark_list(heading, query, **context):
    """Render one page of what ``query`` selects: 20 a page, ``?page=N``.

    db.paginate reads ?page= itself and answers 404 for a page that
    doesn't exist.
    """
    pagination = db.paginate(query, per_page=20)
    return render_template(
        "bookmarks/list.html", heading=heading, pagination=pagination, **context
    )


@bp.get("/")
def index():
    """The home page: public bookmarks, newest first, and the popular tags."""
    tags = db.session.execute(popular_tags()).all()  # (tag, count) rows
    return bookmark_list("Latest bookmarks", public_bookmarks(), tags=tags)


@bp.get("/bookmarks/<int:bookmark_id>/")
def detail(bookmark_id):
    """One bookmark; a private one is a 404 (lesson 6 opens it to its owner)."""
    bookmark = db.get_or_404(Bookmark, bookmark_id)
    if bookmark.private:
        abort(404)
    return render_template("bookmarks/detail.html", bookmark=bookmark)


@bp.get("/tags/<name>/")
def by_tag(name):
    """Public bookmarks with the tag ``name``; an unknown tag is a 404."""
    db.first_or_404(db.select(Tag).filter_by(name=name))
    return bookmark_list(f"Tag: {name}", tagged(public_bookmarks(), name))


@bp.get("/users/<username>/")
def by_user(username):
    """One user's public bookmarks; an unknown user is a 404."""
    user = db.first_or_404(db.select(User).filter_by(username=username))
    query = public_bookmarks().where(Bookmark.owner == user)
    return bookmark_list(f"Bookmarks by {user.username}", query)


@bp.get("/search/")
def search():
    """Public bookmarks whose title, url or notes contain ``?q=``, ignoring case."""
    q = request.args.get("q", "").strip()
    if not q:
        # Nothing to look for: send the browser to the home page instead.
        return redirect(url_for("bookmarks.index"))
    return bookmark_list(f"Search: {q}", matching(public_bookmarks(), q))


@bp.route("/bookmarks/new/", methods=["GET", "POST"])
def new():
    """GET shows an empty form; a valid POST saves the bookmark and redirects."""
    form = BookmarkForm()
    if form.validate_on_submit():  # a POST with a valid CSRF token and valid data
        bookmark = Bookmark(
            url=form.url.data,
            title=form.title.data,
            notes=form.notes.data,
            private=form.private.data,
            tags=get_or_create_tags(form.tags.data),
            # Until lesson 6 links bookmarks to who is logged in, the demo user
            # owns every new bookmark.
            owner=demo_user(),
        )
        db.session.add(bookmark)
        db.session.commit()
        flash("Bookmark saved.")
        # Post/redirect/get: reloading the next page won't send the form again.
        return redirect(url_for("bookmarks.detail", bookmark_id=bookmark.id))
    # A GET, or a POST with errors: show the form (with its error messages).
    return render_template("bookmarks/form.html", form=form, heading="New bookmark")
