from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.test import TestCase

from bookmarks.models import Bookmark, Tag

from .factories import make_bookmark, make_user


class TagTests(TestCase):
    def test_str_and_url(self):
        tag = Tag.objects.create(name="python")
        self.assertEqual(str(tag), "python")
        self.assertEqual(tag.get_absolute_url(), "/tags/python/")

    def test_names_are_unique(self):
        Tag.objects.create(name="python")
        with self.assertRaises(IntegrityError):
            Tag.objects.create(name="python")

    def test_the_database_refuses_uppercase_names(self):
        with self.assertRaises(IntegrityError):
            Tag.objects.create(name="Python")

    def test_validation_explains_the_rules(self):
        with self.assertRaisesMessage(ValidationError, "Tag names are lowercase."):
            Tag(name="Python").full_clean()
        with self.assertRaises(ValidationError):
            Tag(name="two words").full_clean()  # not a slug


class BookmarkTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        # Runs once for the class; each test sees the data in a fresh transaction.
        cls.alice = make_user("alice")
        cls.bob = make_user("bob")

    def test_str_and_url(self):
        bookmark = make_bookmark(self.alice, title="Django")
        self.assertEqual(str(bookmark), "Django")
        self.assertEqual(bookmark.get_absolute_url(), f"/bookmarks/{bookmark.pk}/")

    def test_defaults(self):
        bookmark = make_bookmark(self.alice)
        self.assertIs(bookmark.private, False)
        self.assertEqual(bookmark.notes, "")
        self.assertIsNotNone(bookmark.created_at)

    def test_newest_first(self):
        first = make_bookmark(self.alice, title="first")
        second = make_bookmark(self.alice, title="second")
        self.assertEqual(list(Bookmark.objects.all()), [second, first])

    def test_only_http_and_https_urls_are_valid(self):
        for url in ("javascript:alert(1)", "ftp://example.com/", "data:text/html,hi"):
            bookmark = Bookmark(owner=self.alice, url=url, title="Bad")
            with self.subTest(url=url), self.assertRaises(ValidationError):
                bookmark.full_clean()

    def test_set_tags_creates_new_tags_and_reuses_old_ones(self):
        Tag.objects.create(name="python")
        bookmark = make_bookmark(self.alice, tags=["python", "web"])
        self.assertEqual([t.name for t in bookmark.tags.all()], ["python", "web"])
        self.assertEqual(Tag.objects.count(), 2)
        bookmark.set_tags(["web"])
        self.assertEqual([t.name for t in bookmark.tags.all()], ["web"])

    def test_deleting_a_user_deletes_their_bookmarks(self):
        make_bookmark(self.bob)
        self.bob.delete()
        self.assertFalse(Bookmark.objects.exists())


class QuerySetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.alice = make_user("alice")
        cls.bob = make_user("bob")
        cls.public = make_bookmark(cls.alice, title="Public")
        cls.secret = make_bookmark(cls.alice, title="Secret", private=True)

    def test_public(self):
        self.assertQuerySetEqual(Bookmark.objects.public(), [self.public])

    def test_visible_to_the_owner_includes_their_private_bookmarks(self):
        mine = Bookmark.objects.visible_to(self.alice)
        self.assertQuerySetEqual(mine, [self.secret, self.public])

    def test_visible_to_others_is_public_only(self):
        self.assertQuerySetEqual(Bookmark.objects.visible_to(self.bob), [self.public])

    def test_search_looks_at_title_url_and_notes_ignoring_case(self):
        make_bookmark(self.bob, title="Other", url="https://django.example/")
        make_bookmark(self.bob, title="Notes", notes="All about DJANGO")
        make_bookmark(self.bob, title="Django")
        titles = {b.title for b in Bookmark.objects.search("django")}
        self.assertEqual(titles, {"Other", "Notes", "Django"})

    def test_search_text_is_data_not_sql(self):
        self.assertFalse(Bookmark.objects.search("' OR 1=1 --").exists())
