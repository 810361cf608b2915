"""Demo data: the pages' list until lesson 4, and what `seed_demo` loads."""

from django.contrib.auth import get_user_model

BOOKMARKS = [
    {
        "id": 1,
        "url": "https://flask.palletsprojects.com/",
        "title": "Flask documentation",
        "notes": "Quickstart, tutorial and API reference.",
        "tags": ["python", "flask"],
    },
    {
        "id": 2,
        "url": "https://docs.djangoproject.com/",
        "title": "Django documentation",
        "notes": "The web framework for perfectionists with deadlines.",
        "tags": ["python", "django"],
    },
    {
        "id": 3,
        "url": "https://developer.mozilla.org/en-US/docs/Web/HTTP",
        "title": "HTTP on MDN",
        "notes": "Methods, status codes and headers, clearly explained.",
        "tags": ["http", "web"],
    },
    {
        "id": 4,
        "url": "https://cheatsheetseries.owasp.org/cheatsheets/"
        "Cross_Site_Scripting_Prevention_Cheat_Sheet.html",
        "title": "XSS prevention cheat sheet",
        "notes": "Why a <script> tag in user text must be escaped.",
        "tags": ["security", "web"],
    },
    {
        "id": 5,
        "url": "https://docs.sqlalchemy.org/en/20/orm/quickstart.html",
        "title": "SQLAlchemy ORM quick start",
        "notes": "Declarative models, sessions and select().",
        "tags": ["python", "databases"],
    },
    {
        "id": 6,
        "url": "https://cheatsheetseries.owasp.org/cheatsheets/"
        "SQL_Injection_Prevention_Cheat_Sheet.html",
        "title": "SQL injection prevention cheat sheet",
        "notes": "Bound parameters, not string formatting.",
        "tags": ["security", "databases"],
    },
]


def demo_user():
    """The user "demo", created the first time it is needed.

    It has no usable password, so nobody can log in as it.
    """
    user, created = get_user_model().objects.get_or_create(username="demo")
    if created:
        user.set_unusable_password()
        user.save()
    return user
