from django.test import SimpleTestCase
from django.urls import reverse

# SimpleTestCase: these tests need no database (the data is a Python list).


class PageTests(SimpleTestCase):
    def test_index_lists_every_bookmark(self):
        response = self.client.get("/")
        self.assertContains(response, "Flask documentation")
        self.assertContains(response, "Django documentation")

    def test_detail(self):
        response = self.client.get("/bookmarks/1/")
        self.assertContains(response, "https://flask.palletsprojects.com/")
        self.assertContains(response, 'href="/tags/flask/"')

    def test_detail_of_unknown_bookmark_is_404(self):
        self.assertEqual(self.client.get("/bookmarks/999/").status_code, 404)

    def test_int_converter_rejects_words(self):
        self.assertEqual(self.client.get("/bookmarks/one/").status_code, 404)

    def test_url_without_trailing_slash_redirects(self):
        # CommonMiddleware with APPEND_SLASH (on by default) adds the slash.
        response = self.client.get("/bookmarks/1")
        self.assertRedirects(response, "/bookmarks/1/", status_code=301)

    def test_reverse_builds_paths_from_names(self):
        self.assertEqual(reverse("bookmarks:detail", args=[3]), "/bookmarks/3/")
        self.assertEqual(reverse("bookmarks:by_tag", args=["web"]), "/tags/web/")
        self.assertEqual(reverse("bookmarks:search"), "/search/")

    def test_tag_page(self):
        response = self.client.get("/tags/python/")
        self.assertContains(response, "Flask documentation")
        self.assertNotContains(response, "HTTP on MDN")

    def test_unknown_tag_is_404(self):
        self.assertEqual(self.client.get("/tags/cobol/").status_code, 404)

    def test_slug_converter_rejects_other_characters(self):
        self.assertEqual(self.client.get("/tags/c++/").status_code, 404)

    def test_search_ignores_case_and_looks_at_title_url_and_notes(self):
        self.assertContains(self.client.get("/search/?q=FLASK"), "Flask documentation")
        self.assertContains(self.client.get("/search/?q=mozilla"), "HTTP on MDN")
        self.assertContains(self.client.get("/search/?q=status codes"), "HTTP on MDN")
        response = self.client.get("/search/", {"q": "django"})
        self.assertNotContains(response, "Flask documentation")

    def test_empty_search_redirects_home(self):
        response = self.client.get("/search/?q=")
        self.assertRedirects(response, "/")

    def test_pages_only_accept_get(self):
        self.assertEqual(self.client.post("/").status_code, 405)

    def test_text_is_escaped(self):
        response = self.client.get("/bookmarks/4/")
        self.assertContains(response, "a &lt;script&gt; tag")
        self.assertNotContains(response, "<script>")
