"""The database tables, as Python classes."""

from datetime import UTC, datetime

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .extensions import db

# The many-to-many link: one row per (bookmark, tag) pair.
bookmark_tags = db.Table(
    "bookmark_tags",
    db.Column("bookmark_id", ForeignKey("bookmark.id"), primary_key=True),
    db.Column("tag_id", ForeignKey("tag.id"), primary_key=True),
)


def utc_now():
    """The current time in UTC: the only time zone the database sees."""
    return datetime.now(UTC)


class User(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    # Only a salted, slow hash of the password is ever stored.
    password_hash: Mapped[str] = mapped_column(String(256))
    is_staff: Mapped[bool] = mapped_column(default=False)

    bookmarks: Mapped[list["Bookmark"]] = relationship(back_populates="owner")


class Tag(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)  # a lowercase slug

    bookmarks: Mapped[list["Bookmark"]] = relationship(
        secondary=bookmark_tags, back_populates="tags"
    )


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
