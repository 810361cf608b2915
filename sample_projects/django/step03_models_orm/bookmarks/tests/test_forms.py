from django.test import SimpleTestCase

from bookmarks.forms import BookmarkForm


def form_data(**changes):
    """Valid form data, with some fields changed."""
    data = {"url": "https://example.com/", "title": "Example", "notes": "", "tags": ""}
    return {**data, **changes}


class BookmarkFormTests(SimpleTestCase):
    def test_valid_data(self):
        form = BookmarkForm(form_data(notes="Hi", private="on"))
        self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual(form.cleaned_data["title"], "Example")
        self.assertIs(form.cleaned_data["private"], True)

    def test_url_and_title_are_required(self):
        form = BookmarkForm({})
        self.assertFalse(form.is_valid())
        self.assertIn("url", form.errors)
        self.assertIn("title", form.errors)

    def test_tags_become_a_list_of_slugs(self):
        form = BookmarkForm(form_data(tags="Python, Web Dev!, python, ,"))
        self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual(form.cleaned_data["tags"], ["python", "web-dev"])

    def test_javascript_urls_are_rejected(self):
        form = BookmarkForm(form_data(url="javascript:alert(1)"))
        self.assertFalse(form.is_valid())
        self.assertIn("url", form.errors)

    def test_only_http_and_https(self):
        form = BookmarkForm(form_data(url="ftp://example.com/file"))
        self.assertFalse(form.is_valid())
        self.assertIn("http:// or https://", form.errors["url"][0])

    def test_a_missing_scheme_means_https(self):
        form = BookmarkForm(form_data(url="example.com"))
        self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual(form.cleaned_data["url"], "https://example.com")

    def test_length_limits(self):
        form = BookmarkForm(
            form_data(url="https://example.com/" + "a" * 2000, title="t" * 201)
        )
        self.assertFalse(form.is_valid())
        self.assertIn("url", form.errors)
        self.assertIn("title", form.errors)

    def test_tags_are_at_most_50_characters(self):
        form = BookmarkForm(form_data(tags="x" * 51))
        self.assertFalse(form.is_valid())
        self.assertIn("tags", form.errors)
