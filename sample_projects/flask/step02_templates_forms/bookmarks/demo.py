"""Demo bookmarks: the app's only data until lesson 3 adds a database."""

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
        "url": "https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html",
        "title": "XSS prevention cheat sheet",
        "notes": "Why a <script> tag in user text must be escaped.",
        "tags": ["security", "web"],
    },
]
