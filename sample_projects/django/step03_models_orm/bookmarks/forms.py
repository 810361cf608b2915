"""Forms: what the app accepts from a user, and what it says when it doesn't."""

from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify


class BookmarkForm(forms.Form):
    """A new bookmark. Each field turns the submitted text into a Python value
    and checks it; is_valid() runs them all and collects the errors."""

    # assume_scheme: "example.com" is read as https://example.com.
    url = forms.URLField(label="URL", max_length=2000, assume_scheme="https")
    title = forms.CharField(max_length=200)
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    tags = forms.CharField(
        required=False, help_text="Comma-separated, like: python, web"
    )
    private = forms.BooleanField(required=False)

    def clean_url(self):
        """Only web addresses: a ``javascript:`` link would run code in the
        browser of whoever clicks it. Django calls clean_<field>() after the
        field's own checks, so the value here is already a valid URL."""
        url = self.cleaned_data["url"]
        if urlsplit(url).scheme not in ("http", "https"):
            raise ValidationError("Enter an address starting with http:// or https://.")
        return url

    def clean_tags(self):
        """Turn "Python, Web Dev, python" into the list ["python", "web-dev"]."""
        slugs = (slugify(part) for part in self.cleaned_data["tags"].split(","))
        tags = list(dict.fromkeys(slug for slug in slugs if slug))  # no repeats
        if any(len(tag) > 50 for tag in tags):
            raise ValidationError("A tag can be at most 50 characters long.")
        return tags
