import os
from io import StringIO
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase, override_settings

ENVIRONMENT = {
    "DJANGO_SUPERUSER_USERNAME": "admin",
    "DJANGO_SUPERUSER_EMAIL": "admin@example.com",
    "DJANGO_SUPERUSER_PASSWORD": "a long admin password",
}


# MD5 keeps the one password hash quick (see accounts/tests.py).
@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
class CreateStaffUserTests(TestCase):
    @mock.patch.dict(os.environ, ENVIRONMENT)
    def test_createsuperuser_runs_without_a_prompt(self):
        # `python manage.py createsuperuser --noinput` reads DJANGO_SUPERUSER_*.
        call_command("createsuperuser", interactive=False, stdout=StringIO())
        admin = get_user_model().objects.get(username="admin")
        self.assertTrue(admin.is_staff)
        self.assertTrue(admin.check_password("a long admin password"))

    @mock.patch.dict(os.environ, ENVIRONMENT)
    def test_the_new_staff_user_can_use_the_admin(self):
        call_command("createsuperuser", interactive=False, stdout=StringIO())
        self.client.login(username="admin", password="a long admin password")
        self.assertEqual(self.client.get("/admin/").status_code, 200)
