"""`python manage.py seed_demo`: load the demo bookmarks (safe to run twice)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from bookmarks.demo import BOOKMARKS, demo_user
from bookmarks.models import Bookmark


class Command(BaseCommand):
    help = "Load demo bookmarks owned by the user 'demo'. Running it again adds none."

    @transaction.atomic  # all or nothing
    def handle(self, *args, **options):
        owner = demo_user()
        added = 0
        for data in BOOKMARKS:
            # get_or_create makes the command idempotent: an existing bookmark
            # (same owner and url) is found, not added again.
            bookmark, created = Bookmark.objects.get_or_create(
                owner=owner,
                url=data["url"],
                defaults={"title": data["title"], "notes": data["notes"]},
            )
            if created:
                bookmark.set_tags(data["tags"])
                added += 1
        self.stdout.write(self.style.SUCCESS(f"Added {added} demo bookmarks."))
