"""The database tables, as Python classes."""

import secrets
from datetime import UTC, datetime

from flask_login import UserMixin
from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from .extensions import db

# The many-to-many link: one row per (bookmark, tag) pair.
bookmark_tags = db.Table(
    "bookmark_tags",
    db.Column("bookmark_id", ForeignKey("bookmark.id"), primary_key=True),
    db.Column("tag_id", ForeignKey("tag.id"), primary_key=True),
)


def new_token():
    """A random, unguessable session token."""
    return secrets.token_urlsafe(32)


def utc_now():
    """The current time in UTC: the only time zone the database sees."""
    return datetime.now(UTC)


class User(UserMixin, db.Model):
    """UserMixin gives Flask-Login what it needs: get_id(), is_authenticated..."""

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    # Only a salted, slow hash of the password is ever stored.
    password_hash: Mapped[str] = mapped_column(String(256))
    is_staff: Mapped[bool] = mapped_column(default=False)
    # What the session cookie holds instead of the id (see get_id). Changing it
    # ends every session of this user, on every device.
    # A unique index: the token is looked up on every request.
    session_token: Mapped[str] = mapped_column(
        String(64), unique=True, index=True, default=new_token
    )

    bookmarks: Mapped[list["Bookmark"]] = relationship(back_populates="owner")

    def get_id(self):
        """Flask-Login stores this in the session: the token, not the id."""
        return self.session_token

    def end_sessions(self):
        """Log this user out everywhere: old session cookies name an old token."""
        self.session_token = new_token()

    def set_password(self, password):
        """Store a salted, deliberately slow (scrypt) hash of ``password``, and
        end the sessions that the old password opened."""
        self.password_hash = generate_password_hash(password)
        self.end_sessions()

    def check_password(self, password):
        """True if ``password`` matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    def __str__(self):
        # str() is how the admin shows a user in lists and drop-downs.
        return self.username


class Tag(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)  # a lowercase slug

    bookmarks: Mapped[list["Bookmark"]] = relationship(
        secondary=bookmark_tags, back_populates="tags"
    )

    def __str__(self):
        return self.name


class Bookmark(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000))
    title: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str] = mapped_column(Text, default="")
    private: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now
    )
    owner_id: Mapped[int] = mapped_column(ForeignKey("user.id"))

    owner: Mapped[User] = relationship(back_populates="bookmarks")
    tags: Mapped[list[Tag]] = relationship(
        secondary=bookmark_tags, back_populates="bookmarks", order_by=Tag.name
    )

    def __str__(self):
        return self.title
