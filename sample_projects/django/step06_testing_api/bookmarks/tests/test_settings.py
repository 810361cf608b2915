"""The production settings module, loaded with different environments."""

import importlib
import os
import sys
from io import StringIO
from unittest import mock

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import SimpleTestCase

GOOD_KEY = "k" * 25 + "ey-for-tests-only-0123456789"  # 52 characters
PRODUCTION_ENV = {"DJANGO_SECRET_KEY": GOOD_KEY, "DJANGO_ALLOWED_HOSTS": "example.org"}


def production_settings(**environ):
    """Import mysite.settings_production afresh, with only ``environ`` set."""
    with mock.patch.dict(os.environ, environ, clear=True):
        sys.modules.pop("mysite.settings_production", None)
        return importlib.import_module("mysite.settings_production")


class ProductionSettingsTests(SimpleTestCase):
    def test_refuses_to_load_without_a_secret_key(self):
        with self.assertRaisesMessage(ImproperlyConfigured, "DJANGO_SECRET_KEY"):
            production_settings(DJANGO_ALLOWED_HOSTS="example.org")

    def test_refuses_a_short_key(self):
        with self.assertRaisesMessage(ImproperlyConfigured, "DJANGO_SECRET_KEY"):
            production_settings(**{**PRODUCTION_ENV, "DJANGO_SECRET_KEY": "short"})

    def test_refuses_to_load_without_allowed_hosts(self):
        with self.assertRaisesMessage(ImproperlyConfigured, "DJANGO_ALLOWED_HOSTS"):
            production_settings(DJANGO_SECRET_KEY=GOOD_KEY)

    def test_values_come_from_the_environment(self):
        production = production_settings(
            **{**PRODUCTION_ENV, "DJANGO_ALLOWED_HOSTS": "a.example, b.example"}
        )
        self.assertEqual(production.SECRET_KEY, GOOD_KEY)
        self.assertEqual(production.ALLOWED_HOSTS, ["a.example", "b.example"])

    def test_strict_values(self):
        production = production_settings(**PRODUCTION_ENV)
        self.assertIs(production.DEBUG, False)
        self.assertIs(production.SESSION_COOKIE_SECURE, True)
        self.assertIs(production.CSRF_COOKIE_SECURE, True)
        self.assertIs(production.SESSION_COOKIE_HTTPONLY, True)
        self.assertIs(production.SECURE_SSL_REDIRECT, True)
        self.assertGreater(production.SECURE_HSTS_SECONDS, 0)

    def test_check_deploy_finds_nothing_to_warn_about(self):
        production = production_settings(**PRODUCTION_ENV)
        # Run `manage.py check --deploy` with the settings production changes.
        changed = {
            name: value
            for name, value in vars(production).items()
            if name.isupper() and getattr(settings, name, None) != value
        }
        out = StringIO()
        with self.settings(**changed):
            # fail_level="WARNING": a warning raises SystemCheckError.
            call_command("check", deploy=True, fail_level="WARNING", stdout=out)
        self.assertIn("no issues", out.getvalue())
