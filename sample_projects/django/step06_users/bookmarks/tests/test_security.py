"""The contract's security properties, checked through the test Client."""

from django.test import TestCase

from .factories import make_bookmark, make_user


class PrivacyTests(TestCase):
    """A private bookmark is invisible to everyone but its owner, everywhere."""

    @classmethod
    def setUpTestData(cls):
        cls.alice = make_user("alice")
        cls.secret = make_bookmark(
            cls.alice, title="Secret plans", private=True, tags=["plans"]
        )
        make_bookmark(cls.alice, title="Public plans", tags=["plans"])

    def test_hidden_from_others(self):
        self.client.force_login(make_user("bob"))
        for path in ("/", "/tags/plans/", "/users/alice/", "/search/?q=plans"):
            with self.subTest(path=path):
                self.assertNotContains(self.client.get(path), "Secret plans")
        self.assertNotContains(self.client.get("/api/bookmarks/"), "Secret plans")
        detail = self.client.get(self.secret.get_absolute_url())
        self.assertEqual(detail.status_code, 404)

    def test_shown_to_the_owner_on_their_pages(self):
        self.client.force_login(self.alice)
        self.assertContains(self.client.get(self.secret.get_absolute_url()), "Secret")
        self.assertContains(self.client.get("/users/alice/"), "Secret plans")
