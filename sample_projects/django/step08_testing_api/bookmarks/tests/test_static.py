import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import SimpleTestCase, override_settings


class CollectStaticTests(SimpleTestCase):
    def test_collectstatic_gathers_the_app_and_admin_files(self):
        with tempfile.TemporaryDirectory() as root, override_settings(STATIC_ROOT=root):
            call_command("collectstatic", interactive=False, stdout=StringIO())
            self.assertTrue((Path(root) / "bookmarks" / "style.css").is_file())
            self.assertTrue((Path(root) / "admin" / "css" / "base.css").is_file())
