from django.test import Client, TestCase

from bookmarks.models import Bookmark


class NewBookmarkTests(TestCase):
    def test_get_shows_an_empty_form_with_a_csrf_token(self):
        response = self.client.get("/bookmarks/new/")
        self.assertTemplateUsed(response, "bookmarks/form.html")
        self.assertContains(response, 'name="csrfmiddlewaretoken"')
        for field in ("url", "title", "notes", "tags", "private"):
            self.assertContains(response, f'name="{field}"')

    def test_valid_post_saves_and_redirects_to_the_new_bookmark(self):
        data = {"url": "https://example.com/", "title": "Example", "tags": "B, a"}
        response = self.client.post("/bookmarks/new/", data)
        bookmark = Bookmark.objects.get()
        self.assertRedirects(response, bookmark.get_absolute_url())
        self.assertEqual(bookmark.title, "Example")
        self.assertEqual([t.name for t in bookmark.tags.all()], ["a", "b"])

    def test_until_login_exists_new_bookmarks_belong_to_the_demo_user(self):
        data = {"url": "https://example.com/", "title": "Example"}
        self.client.post("/bookmarks/new/", data)
        self.assertEqual(Bookmark.objects.get().owner.username, "demo")

    def test_the_next_page_shows_a_message(self):
        data = {"url": "https://example.com/", "title": "Example"}
        response = self.client.post("/bookmarks/new/", data, follow=True)
        self.assertContains(response, "Bookmark saved.")

    def test_invalid_post_shows_the_form_again_with_errors(self):
        data = {"url": "javascript:alert(1)", "title": "Click me"}
        response = self.client.post("/bookmarks/new/", data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Enter a valid URL.")
        self.assertFalse(Bookmark.objects.exists())

    def test_post_without_csrf_token_is_refused(self):
        client = Client(enforce_csrf_checks=True)
        data = {"url": "https://example.com/", "title": "Example"}
        self.assertEqual(client.post("/bookmarks/new/", data).status_code, 403)
        self.assertFalse(Bookmark.objects.exists())
