"""Logging out ends every session of that user, on every device."""

from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver

from .models import UserSession


@receiver(user_logged_out)
def end_all_sessions(sender, request, user, **kwargs):
    """Delete the user's sessions from the database, this one included.

    A copied session cookie (another device, a stolen one) then leads nowhere.
    """
    if user is not None:
        UserSession.objects.filter(user=user).delete()
