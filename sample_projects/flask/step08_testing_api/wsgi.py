"""The entry point for a production WSGI server: ``gunicorn wsgi:app``.

It always uses the production settings, which refuse to start unless
SECRET_KEY, DATABASE_URL and TRUSTED_HOSTS are set in the environment.
"""

from bookmarks import config, create_app

app = create_app(config.production())
