from django.test import RequestFactory, TestCase
from django.views.defaults import server_error

from .factories import make_bookmark, make_user

# Tests run with DEBUG off, as production does, so Django renders the error
# templates instead of its yellow debug pages.


class ErrorPageTests(TestCase):
    def test_404_page(self):
        response = self.client.get("/bookmarks/999/")
        self.assertEqual(response.status_code, 404)
        self.assertTemplateUsed(response, "404.html")
        self.assertContains(response, "Page not found", status_code=404)

    def test_404_for_an_unknown_path(self):
        response = self.client.get("/no/such/page/")
        self.assertContains(response, "Page not found", status_code=404)

    def test_403_page(self):
        bookmark = make_bookmark(make_user("alice"))
        self.client.force_login(make_user("bob"))
        response = self.client.get(f"/bookmarks/{bookmark.pk}/edit/")
        self.assertTemplateUsed(response, "403.html")
        self.assertContains(response, "only its owner", status_code=403)

    def test_500_page(self):
        # Django's handler for uncaught exceptions, called directly.
        response = server_error(RequestFactory().get("/"))
        self.assertEqual(response.status_code, 500)
        self.assertIn(b"Something went wrong", response.content)
