"""Sessions that remember their user, so that logging out can end all of them."""

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models


class UserSession(AbstractBaseSession):
    """Django's session table plus one column: whose session it is.

    Sessions are stored as opaque signed text; this column lets the database
    find every session of one user. Deleting the user deletes them too.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.CASCADE,
        related_name="sessions",
    )

    @classmethod
    def get_session_store_class(cls):
        from .sessions import SessionStore  # here: sessions.py imports this module

        return SessionStore
