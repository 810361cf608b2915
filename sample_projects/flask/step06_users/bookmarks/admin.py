"""The admin site at /admin/ (Flask-Admin), for staff only."""

from flask import abort, flash
from flask_admin import Admin, AdminIndexView
from flask_admin.actions import action
from flask_admin.contrib.sqla import ModelView
from flask_login import current_user

from .extensions import db, login_manager
from .forms import http_url
from .models import Bookmark, Tag, User


class StaffOnly:
    """Mixed into every admin view: staff may use it, nobody else."""

    def is_accessible(self):
        return current_user.is_authenticated and current_user.is_staff

    def inaccessible_callback(self, name, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()  # to the login page, with ?next=
        abort(403)  # logged in, but not staff


class StaffIndexView(StaffOnly, AdminIndexView):
    """The admin's home page."""


class StaffModelView(StaffOnly, ModelView):
    """The base of the model views below."""

    # Ticked rows' ids arrive as text. SQLite compares text with an integer key;
    # PostgreSQL refuses, so the built-in bulk delete gets them as the key's type.
    @action(*ModelView.action_delete._action)  # the same name, label and question
    def action_delete(self, ids):
        key = db.inspect(self.model).primary_key[0]
        return super().action_delete([key.type.python_type(i) for i in ids])


class BookmarkAdmin(StaffModelView):
    column_list = ["title", "owner", "created_at"]
    column_default_sort = ("created_at", True)  # newest first
    column_filters = ["tags.name", "private"]
    column_labels = {"tags.name": "Tag"}
    column_searchable_list = ["title", "url", "notes"]
    # The admin builds its form from the model: add the app's own URL check.
    form_args = {"url": {"validators": [http_url]}}
    # Bulk actions: tick rows in the list, pick an action from "With selected".
    # Delete is built in (can_delete); these two are the app's own.

    def set_private(self, ids, private):
        """Make the bookmarks with these ids private (or public) in one UPDATE."""
        query = db.update(Bookmark).where(Bookmark.id.in_([int(i) for i in ids]))
        count = db.session.execute(query.values(private=private)).rowcount
        db.session.commit()
        return count

    @action("make_private", "Make private", "Make the selected bookmarks private?")
    def make_private(self, ids):
        flash(f"{self.set_private(ids, True)} bookmark(s) made private.")

    @action("make_public", "Make public", "Make the selected bookmarks public?")
    def make_public(self, ids):
        flash(f"{self.set_private(ids, False)} bookmark(s) made public.")


class TagAdmin(StaffModelView):
    column_searchable_list = ["name"]
    form_columns = ["name"]


class UserAdmin(StaffModelView):
    # Never show or edit password_hash: it is left out of both lists.
    column_list = ["username", "is_staff"]
    form_columns = ["username", "is_staff"]
    column_searchable_list = ["username"]
    can_create = False  # it cannot set passwords: use `flask create-user`
    # Inline editing: the user's bookmarks, as rows of the user's own form.
    # Flask-Admin inlines follow a one-to-many relationship (User.bookmarks).
    inline_models = [
        (
            Bookmark,
            {
                "form_columns": ["id", "url", "title", "private"],
                "form_args": {"url": {"validators": [http_url]}},
            },
        )
    ]


def init_app(app):
    """Build the admin site for ``app``.

    Each app gets its own Admin object, because Flask-Admin's views remember
    the app they were registered with.
    """
    admin = Admin(name="Bookmarks admin", index_view=StaffIndexView())
    admin.add_view(BookmarkAdmin(Bookmark, db))
    admin.add_view(TagAdmin(Tag, db))
    admin.add_view(UserAdmin(User, db))
    admin.init_app(app)
