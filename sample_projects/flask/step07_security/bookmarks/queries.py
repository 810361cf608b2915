"""Reusable queries. Each builds a SELECT statement that callers can refine."""

from sqlalchemy.orm import joinedload, selectinload

from .extensions import db
from .models import Bookmark, Tag


def newest_first():
    """All bookmarks, newest first, with their owners and tags (no N+1 queries)."""
    return (
        db.select(Bookmark)
        .order_by(Bookmark.created_at.desc(), Bookmark.id.desc())
        .options(joinedload(Bookmark.owner), selectinload(Bookmark.tags))
    )


def public_bookmarks():
    """Bookmarks that everyone may see, newest first."""
    return newest_first().where(Bookmark.private.is_(False))


def visible_bookmarks(user):
    """Bookmarks ``user`` may see: the public ones and, once logged in, their own."""
    if not user.is_authenticated:
        return public_bookmarks()
    return newest_first().where(
        db.or_(Bookmark.private.is_(False), Bookmark.owner_id == user.id)
    )


def popular_tags(limit=10):
    """The ``limit`` tags on most public bookmarks, with their counts."""
    count = db.func.count(Bookmark.id).label("count")
    return (
        db.select(Tag, count)
        .join(Tag.bookmarks)  # through the bookmark_tags link table
        .where(Bookmark.private.is_(False))
        .group_by(Tag.id)
        .order_by(count.desc(), Tag.name)
        .limit(limit)
    )


def tagged(query, name):
    """Narrow ``query`` to bookmarks that have the tag ``name``."""
    return query.where(Bookmark.tags.any(Tag.name == name))


def matching(query, text):
    """Narrow ``query`` to bookmarks whose title, url or notes contain ``text``.

    icontains() is a case-insensitive LIKE (ILIKE on PostgreSQL). ``text`` is
    sent as a bound parameter, never pasted into the SQL, so it cannot change
    the query; autoescape=True makes a % or _ in it match only itself.
    """
    return query.where(
        db.or_(
            Bookmark.title.icontains(text, autoescape=True),
            Bookmark.url.icontains(text, autoescape=True),
            Bookmark.notes.icontains(text, autoescape=True),
        )
    )


def get_or_create_tags(names):
    """The Tag rows for ``names``, with new (unsaved) ones for unknown names."""
    existing = db.session.scalars(db.select(Tag).where(Tag.name.in_(names)))
    found = {tag.name: tag for tag in existing}
    return [found.get(name) or Tag(name=name) for name in names]
