from django.contrib.staticfiles import finders
from django.test import SimpleTestCase
from django.urls import reverse

# SimpleTestCase: these tests need no database (the data is a Python list).


class PageTests(SimpleTestCase):
    def test_index_renders_the_list_template(self):
        response = self.client.get("/")
        self.assertTemplateUsed(response, "bookmarks/list.html")
        self.assertTemplateUsed(response, "bookmarks/base.html")
        self.assertContains(response, "Flask documentation")
        self.assertContains(response, "Django documentation")

    def test_pages_link_the_stylesheet(self):
        response = self.client.get("/")
        self.assertContains(response, 'href="/static/bookmarks/style.css"')

    def test_the_stylesheet_is_found_in_the_app(self):
        # The staticfiles finders look in each app's static/ folder (runserver
        # serves what they find).
        self.assertIsNotNone(finders.find("bookmarks/style.css"))

    def test_detail(self):
        response = self.client.get("/bookmarks/1/")
        self.assertTemplateUsed(response, "bookmarks/detail.html")
        self.assertEqual(response.context["bookmark"]["id"], 1)
        self.assertContains(response, 'href="https://flask.palletsprojects.com/"')
        self.assertContains(response, 'href="/tags/flask/"')

    def test_detail_of_unknown_bookmark_is_404(self):
        self.assertEqual(self.client.get("/bookmarks/999/").status_code, 404)

    def test_url_without_trailing_slash_redirects(self):
        response = self.client.get("/bookmarks/1")
        self.assertRedirects(response, "/bookmarks/1/", status_code=301)

    def test_reverse_builds_paths_from_names(self):
        self.assertEqual(reverse("bookmarks:new"), "/bookmarks/new/")

    def test_tag_page(self):
        response = self.client.get("/tags/python/")
        self.assertContains(response, "Flask documentation")
        self.assertNotContains(response, "HTTP on MDN")

    def test_unknown_tag_is_404(self):
        self.assertEqual(self.client.get("/tags/cobol/").status_code, 404)

    def test_search_ignores_case_and_looks_at_title_url_and_notes(self):
        self.assertContains(self.client.get("/search/?q=FLASK"), "Flask documentation")
        self.assertContains(self.client.get("/search/?q=mozilla"), "HTTP on MDN")
        self.assertContains(self.client.get("/search/?q=status codes"), "HTTP on MDN")

    def test_search_box_shows_the_query(self):
        response = self.client.get("/search/", {"q": "mdn"})
        self.assertContains(response, 'value="mdn"')

    def test_empty_search_redirects_home(self):
        self.assertRedirects(self.client.get("/search/?q="), "/")

    def test_text_is_escaped_by_the_template(self):
        response = self.client.get("/bookmarks/4/")
        self.assertContains(response, "a &lt;script&gt; tag")
        self.assertNotContains(response, "<script>")

    def test_query_is_escaped_too(self):
        response = self.client.get("/search/", {"q": '"><script>alert(1)</script>'})
        self.assertNotContains(response, "<script>alert(1)")
        self.assertContains(response, "&lt;script&gt;alert(1)")
