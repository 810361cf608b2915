"""Bookmark pages, backed by the database."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from .extensions import db
from .forms import BookmarkForm
from .models import Bookmark, Tag, User
from .queries import (
    get_or_create_tags,
    matching,
    popular_tags,
    public_bookmarks,
    tagged,
    visible_bookmarks,
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


def is_owner(bookmark):
    """True if the logged-in user owns ``bookmark``."""
    return current_user.is_authenticated and bookmark.owner_id == current_user.id


def get_visible_bookmark(bookmark_id):
    """The bookmark, or 404. A private bookmark is a 404 to all but its owner:
    a 403 would tell strangers that it exists."""
    bookmark = db.get_or_404(Bookmark, bookmark_id)
    if bookmark.private and not is_owner(bookmark):
        abort(404)
    return bookmark


def get_own_bookmark(bookmark_id):
    """The bookmark, if the logged-in user owns it; 403 for someone else's."""
    bookmark = get_visible_bookmark(bookmark_id)
    if not is_owner(bookmark):
        abort(403)
    return bookmark


def save(bookmark, form):
    """Copy the form's data onto ``bookmark`` and store it."""
    bookmark.url = form.url.data
    bookmark.title = form.title.data
    bookmark.notes = form.notes.data
    bookmark.private = form.private.data
    bookmark.tags = get_or_create_tags(form.tags.data)
    db.session.add(bookmark)
    db.session.commit()


@bp.get("/")
def index():
    """The home page: public bookmarks, newest first, and the popular tags."""
    tags = db.session.execute(popular_tags()).all()  # (tag, count) rows
    return bookmark_list("Latest bookmarks", public_bookmarks(), tags=tags)


@bp.get("/bookmarks/<int:bookmark_id>/")
def detail(bookmark_id):
    """One bookmark; its owner also gets Edit and Delete buttons."""
    bookmark = get_visible_bookmark(bookmark_id)
    return render_template(
        "bookmarks/detail.html", bookmark=bookmark, is_owner=is_owner(bookmark)
    )


@bp.get("/tags/<name>/")
def by_tag(name):
    """Public bookmarks with the tag ``name``; an unknown tag is a 404."""
    db.first_or_404(db.select(Tag).filter_by(name=name))
    return bookmark_list(f"Tag: {name}", tagged(public_bookmarks(), name))


@bp.get("/users/<username>/")
def by_user(username):
    """One user's bookmarks: the public ones, plus the private ones for themself."""
    user = db.first_or_404(db.select(User).filter_by(username=username))
    query = visible_bookmarks(current_user).where(Bookmark.owner_id == user.id)
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
@login_required  # strangers go to the login page, with ?next= back to here
def new():
    """GET shows an empty form; a valid POST saves the bookmark and redirects."""
    form = BookmarkForm()
    if form.validate_on_submit():  # a POST with a valid CSRF token and valid data
        bookmark = Bookmark(owner_id=current_user.id)
        save(bookmark, form)
        flash("Bookmark saved.")
        # Post/redirect/get: reloading the next page won't send the form again.
        return redirect(url_for("bookmarks.detail", bookmark_id=bookmark.id))
    # A GET, or a POST with errors: show the form (with its error messages).
    return render_template("bookmarks/form.html", form=form, heading="New bookmark")


@bp.route("/bookmarks/<int:bookmark_id>/edit/", methods=["GET", "POST"])
@login_required
def edit(bookmark_id):
    """The same form, filled in from the bookmark; only its owner may use it."""
    bookmark = get_own_bookmark(bookmark_id)
    form = BookmarkForm(obj=bookmark)  # fields start from the bookmark's values
    if form.validate_on_submit():
        save(bookmark, form)
        flash("Bookmark updated.")
        return redirect(url_for("bookmarks.detail", bookmark_id=bookmark.id))
    if not form.is_submitted():
        # obj= filled the tags field with Tag rows; the text box wants names.
        form.tags.data = [tag.name for tag in bookmark.tags]
    return render_template("bookmarks/form.html", form=form, heading="Edit bookmark")


@bp.post("/bookmarks/<int:bookmark_id>/delete/")
@login_required
def delete(bookmark_id):
    """Delete a bookmark: POST only, by its owner only."""
    bookmark = get_own_bookmark(bookmark_id)
    db.session.delete(bookmark)
    db.session.commit()
    flash("Bookmark deleted.")
    return redirect(url_for("bookmarks.by_user", username=current_user.username))
