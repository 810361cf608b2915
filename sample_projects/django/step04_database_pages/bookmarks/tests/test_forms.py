from django.test import TestCase

from bookmarks.forms import BookmarkForm

from .factories import make_bookmark, make_user


def form_data(**changes):
    """Valid form data, with some fields changed."""
    data = {"url": "https://example.com/", "title": "Example", "notes": "", "tags": ""}
    return {**data, **changes}


class BookmarkFormTests(TestCase):
    def test_fields_in_order(self):
        fields = list(BookmarkForm().fields)
        self.assertEqual(fields, ["url", "title", "notes", "tags", "private"])

    def test_url_and_title_are_required(self):
        form = BookmarkForm({})
        self.assertFalse(form.is_valid())
        self.assertEqual(set(form.errors), {"url", "title"})

    def test_javascript_urls_are_rejected(self):
        form = BookmarkForm(form_data(url="javascript:alert(1)"))
        self.assertFalse(form.is_valid())
        self.assertIn("url", form.errors)

    def test_the_model_validator_rejects_other_schemes(self):
        # forms.URLField accepts ftp://; the model's validator does not.
        form = BookmarkForm(form_data(url="ftp://example.com/file"))
        self.assertFalse(form.is_valid())
        self.assertIn("url", form.errors)

    def test_length_limits_come_from_the_model(self):
        form = BookmarkForm(form_data(title="t" * 201))
        self.assertFalse(form.is_valid())
        self.assertIn("title", form.errors)

    def test_tags_become_a_list_of_slugs(self):
        form = BookmarkForm(form_data(tags="Python, Web Dev!, python, ,"))
        self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual(form.cleaned_data["tags"], ["python", "web-dev"])

    def test_save_saves_the_tags(self):
        form = BookmarkForm(form_data(tags="b, a"))
        self.assertTrue(form.is_valid(), form.errors)
        form.instance.owner = make_user("alice")
        bookmark = form.save()
        self.assertEqual([t.name for t in bookmark.tags.all()], ["a", "b"])

    def test_editing_shows_the_tags_as_text(self):
        bookmark = make_bookmark(make_user("alice"), tags=["python", "web"])
        form = BookmarkForm(instance=bookmark)
        self.assertEqual(form["tags"].value(), "python, web")
