"""Forms: what the app accepts from a user, and what it says when it doesn't."""

import re
from urllib.parse import urlsplit

from flask_wtf import FlaskForm
from wtforms import BooleanField, Field, StringField, TextAreaField, URLField
from wtforms.validators import DataRequired, Length, ValidationError
from wtforms.widgets import TextInput


def strip(value):
    """A filter: drop spaces around what the user typed."""
    return value.strip() if isinstance(value, str) else value


def http_url(form, field):
    """A validator: only web addresses, because a ``javascript:`` link would
    run code in the browser of whoever clicks it."""
    parts = urlsplit(field.data or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationError("Enter an address starting with http:// or https://.")


def slugify(text):
    """Lowercase letters, digits and hyphens: "Web Dev!" becomes "web-dev"."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class TagListField(Field):
    """A text box for comma-separated tags whose data is a list of slugs.

    "Python, Web Dev, python" becomes ["python", "web-dev"].
    """

    widget = TextInput()

    def _value(self):
        # The text shown in the box when the form is displayed again.
        return ", ".join(self.data or [])

    def process_formdata(self, valuelist):
        # The submitted text, turned into slugs without blanks or repeats.
        text = valuelist[0] if valuelist else ""
        slugs = (slugify(part) for part in text.split(","))
        self.data = list(dict.fromkeys(slug for slug in slugs if slug))


class BookmarkForm(FlaskForm):
    """A bookmark. FlaskForm adds a hidden CSRF token field."""

    url = URLField(
        "URL", filters=[strip], validators=[DataRequired(), Length(max=2000), http_url]
    )
    title = StringField(
        "Title", filters=[strip], validators=[DataRequired(), Length(max=200)]
    )
    notes = TextAreaField("Notes")
    tags = TagListField("Tags", description="Comma-separated, like: python, web")
    private = BooleanField("Private")

    def validate_tags(self, field):
        """WTForms calls validate_<field name>() after the field's validators."""
        if any(len(tag) > 50 for tag in field.data):
            raise ValidationError("A tag can be at most 50 characters long.")
