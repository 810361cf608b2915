"""Demo data for ``flask seed-demo``, and the demo user who owns it."""

from .extensions import db
from .models import Bookmark, User
from .queries import get_or_create_tags

BOOKMARKS = [
    {
        "url": "https://flask.palletsprojects.com/",
        "title": "Flask documentation",
        "notes": "Quickstart, tutorial and API reference.",
        "tags": ["python", "flask"],
    },
    {
        "url": "https://docs.djangoproject.com/",
        "title": "Django documentation",
        "notes": "The web framework for perfectionists with deadlines.",
        "tags": ["python", "django"],
    },
    {
        "url": "https://developer.mozilla.org/en-US/docs/Web/HTTP",
        "title": "HTTP on MDN",
        "notes": "Methods, status codes and headers, clearly explained.",
        "tags": ["http", "web"],
    },
    {
        "url": "https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html",
        "title": "XSS prevention cheat sheet",
        "notes": "Why a <script> tag in user text must be escaped.",
        "tags": ["security", "web"],
    },
    {
        "url": "https://docs.sqlalchemy.org/en/20/orm/quickstart.html",
        "title": "SQLAlchemy ORM quick start",
        "notes": "Declarative models, sessions and select().",
        "tags": ["python", "databases"],
    },
    {
        "url": "https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html",
        "title": "SQL injection prevention cheat sheet",
        "notes": "Bound parameters, not string formatting.",
        "tags": ["security", "databases"],
    },
]


def demo_user():
    """The user "demo", created on first use.

    Its password hash "!" matches no password, so nobody can log in as demo
    (Django calls this an unusable password).
    """
    user = db.session.scalar(db.select(User).filter_by(username="demo"))
    if user is None:
        user = User(username="demo", password_hash="!")
        db.session.add(user)
    return user


def load_demo_data():
    """Add the demo bookmarks that are missing and return how many were added.

    Running it twice adds nothing the second time (it is idempotent).
    """
    owner = demo_user()
    added = 0
    for data in BOOKMARKS:
        query = db.select(Bookmark).filter_by(owner=owner, url=data["url"])
        if db.session.scalar(query) is None:
            bookmark = Bookmark(
                owner=owner,
                url=data["url"],
                title=data["title"],
                notes=data["notes"],
                tags=get_or_create_tags(data["tags"]),
            )
            db.session.add(bookmark)
            added += 1
    db.session.commit()
    return added
