from unittest import mock

from django.test import Client, SimpleTestCase

from bookmarks.demo import BOOKMARKS


class NewBookmarkTests(SimpleTestCase):
    def setUp(self):
        # The view adds to the in-memory list: give each test its own copy.
        patcher = mock.patch("bookmarks.views.BOOKMARKS", list(BOOKMARKS))
        self.bookmarks = patcher.start()
        self.addCleanup(patcher.stop)

    def test_get_shows_an_empty_form_with_a_csrf_token(self):
        response = self.client.get("/bookmarks/new/")
        self.assertTemplateUsed(response, "bookmarks/form.html")
        self.assertContains(response, 'name="csrfmiddlewaretoken"')
        for field in ("url", "title", "notes", "tags", "private"):
            self.assertContains(response, f'name="{field}"')

    def test_valid_post_saves_and_redirects_to_the_new_bookmark(self):
        data = {"url": "https://example.com/", "title": "Example", "tags": "A, b"}
        response = self.client.post("/bookmarks/new/", data)
        new = self.bookmarks[0]
        self.assertEqual(new["title"], "Example")
        self.assertEqual(new["tags"], ["a", "b"])
        self.assertRedirects(response, f"/bookmarks/{new['id']}/")

    def test_the_next_page_shows_a_message(self):
        data = {"url": "https://example.com/", "title": "Example"}
        response = self.client.post("/bookmarks/new/", data, follow=True)
        self.assertContains(response, "Bookmark saved.")

    def test_invalid_post_shows_the_form_again_with_errors(self):
        data = {"url": "javascript:alert(1)", "title": "Click me"}
        response = self.client.post("/bookmarks/new/", data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Enter a valid URL.")
        self.assertContains(response, 'value="Click me"')  # what was typed stays
        self.assertEqual(len(self.bookmarks), len(BOOKMARKS))

    def test_post_without_csrf_token_is_refused(self):
        # The test client skips CSRF checks unless asked; a browser can't.
        client = Client(enforce_csrf_checks=True)
        data = {"url": "https://example.com/", "title": "Example"}
        response = client.post("/bookmarks/new/", data)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(len(self.bookmarks), len(BOOKMARKS))
