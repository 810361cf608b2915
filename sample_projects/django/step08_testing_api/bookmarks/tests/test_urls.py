from django.test import TestCase

from .factories import make_bookmark, make_user


class TrailingSlashTests(TestCase):
    """Every route ends in "/"; CommonMiddleware redirects the slash-less form."""

    def test_slash_less_paths_redirect(self):
        bookmark = make_bookmark(make_user("alice"), tags=["web"])
        for path in (
            f"/bookmarks/{bookmark.pk}",
            "/bookmarks/new",
            f"/bookmarks/{bookmark.pk}/edit",
            "/tags/web",
            "/users/alice",
            "/search",
            "/api/bookmarks",
            "/accounts/login",
            "/accounts/register",
            "/admin",
        ):
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 301)
                self.assertEqual(response["Location"], f"{path}/")
