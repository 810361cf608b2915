"""The session engine (SESSION_ENGINE = "accounts.sessions").

Django's database sessions, stored in UserSession, as Django's documentation
shows under "Extending database-backed session engines".
"""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DBStore

from .models import UserSession


class SessionStore(DBStore):
    @classmethod
    def get_model_class(cls):
        return UserSession

    def create_model_instance(self, data):
        """The row to save, with the logged-in user's id (None if anonymous)."""
        session = super().create_model_instance(data)
        session.user_id = data.get(SESSION_KEY)
        return session
