"""Forms: what the app accepts from a user, and what it says when it doesn't."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify

from .models import Bookmark


class BookmarkForm(forms.ModelForm):
    """A bookmark: a ModelForm builds its fields from the model's.

    The model's validators run too (is_valid() calls the model's full_clean()),
    so the http/https rule lives in one place, models.py.
    """

    # Declared fields replace the generated ones. assume_scheme: "example.com"
    # is read as https://example.com.
    url = forms.URLField(label="URL", max_length=2000, assume_scheme="https")
    # Tags are typed as text: an extra field, not the model's many-to-many
    # field (it is left out of Meta.fields); save() turns names into Tags.
    tags = forms.CharField(
        required=False, help_text="Comma-separated, like: python, web"
    )
    field_order = ["url", "title", "notes", "tags", "private"]

    class Meta:
        model = Bookmark
        fields = ["url", "title", "notes", "private"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # editing: show the current tags as text
            self.initial["tags"] = ", ".join(t.name for t in self.instance.tags.all())

    def clean_tags(self):
        """Turn "Python, Web Dev, python" into the list ["python", "web-dev"]."""
        slugs = (slugify(part) for part in self.cleaned_data["tags"].split(","))
        tags = list(dict.fromkeys(slug for slug in slugs if slug))  # no repeats
        if any(len(tag) > 50 for tag in tags):
            raise ValidationError("A tag can be at most 50 characters long.")
        return tags

    def save(self, commit=True):
        """Save the bookmark, then its tags (they need the bookmark's id).

        With commit=False nothing is saved: call bookmark.save() and then
        bookmark.set_tags(form.cleaned_data["tags"]) yourself.
        """
        bookmark = super().save(commit=commit)
        if commit:
            bookmark.set_tags(self.cleaned_data["tags"])
        return bookmark
