from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from bookmarks.demo import BOOKMARKS
from bookmarks.models import Bookmark


class SeedDemoTests(TestCase):
    def seed(self):
        out = StringIO()
        call_command("seed_demo", stdout=out)
        return out.getvalue()

    def test_loads_the_demo_bookmarks(self):
        self.assertIn(f"Added {len(BOOKMARKS)} demo bookmarks.", self.seed())
        bookmark = Bookmark.objects.get(title="Django documentation")
        self.assertEqual(bookmark.owner.username, "demo")
        self.assertFalse(bookmark.owner.has_usable_password())
        self.assertEqual([t.name for t in bookmark.tags.all()], ["django", "python"])

    def test_running_it_twice_adds_nothing(self):
        self.seed()
        self.assertIn("Added 0 demo bookmarks.", self.seed())
        self.assertEqual(Bookmark.objects.count(), len(BOOKMARKS))
