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


def load_settings(module, **environ):
    """Import ``module`` afresh with only ``environ`` set, then forget it again."""
    with mock.patch.dict(os.environ, environ, clear=True), mock.patch.dict(sys.modules):
        sys.modules.pop("mysite.settings", None)
        sys.modules.pop("mysite.settings_production", None)
        return importlib.import_module(module)


def production_settings(**environ):
    return load_settings("mysite.settings_production", **environ)


class ProductionSettingsTests(SimpleTestCase):
    def test_refuses_to_load_without_a_secret_key(self):
        with self.assertRaisesMessage(ImproperlyConfigured, "DJANGO_SECRET_KEY"):
            production_settings(DJANGO_ALLOWED_HOSTS="example.org")

    def test_refuses_short_known_and_placeholder_keys(self):
        for key in (
            "dev",
            "short",
            "x" * 60,  # long, but only one character
            "django-insecure-development-only-do-not-use-in-production",
        ):
            with self.subTest(key=key):
                with self.assertRaisesMessage(
                    ImproperlyConfigured, "DJANGO_SECRET_KEY"
                ):
                    production_settings(**{**PRODUCTION_ENV, "DJANGO_SECRET_KEY": key})

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
        self.assertEqual(production.SECURE_HSTS_SECONDS, 31536000)  # a year
        self.assertIs(production.SECURE_HSTS_INCLUDE_SUBDOMAINS, True)

    def test_check_deploy_finds_nothing_to_warn_about(self):
        production = production_settings(**PRODUCTION_ENV)
        # Run `manage.py check --deploy` with the settings production changes
        # (except DATABASES: the tests keep their own test database).
        changed = {
            name: value
            for name, value in vars(production).items()
            if name.isupper()
            and name != "DATABASES"
            and getattr(settings, name, None) != value
        }
        out = StringIO()
        with self.settings(**changed):
            # fail_level="WARNING": a warning raises SystemCheckError.
            call_command("check", deploy=True, fail_level="WARNING", stdout=out)
        self.assertIn("no issues", out.getvalue())
