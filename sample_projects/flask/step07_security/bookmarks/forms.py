"""Forms: what the app accepts from a user, and what it says when it doesn't."""

import re
from urllib.parse import urlsplit

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    Field,
    PasswordField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import (
    DataRequired,
    EqualTo,
    Length,
    Regexp,
    ValidationError,
)
from wtforms.widgets import TextInput

from .extensions import db
from .models import User
from .passwords import password_problems


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


class LoginForm(FlaskForm):
    """Username and password."""

    username = StringField("Username", filters=[strip], validators=[DataRequired()])
    password = PasswordField("Password", validators=[DataRequired()])


def username_taken(name):
    """True if ``name`` is taken, ignoring case: "ALICE" next to "alice" would
    fool people, so it counts as taken."""
    query = db.select(User).where(db.func.lower(User.username) == name.lower())
    return db.session.scalar(query) is not None


class RegisterForm(FlaskForm):
    """A new account: a username that is free, and the password typed twice."""

    username = StringField(
        "Username",
        filters=[strip],
        validators=[
            DataRequired(),
            Length(max=80),
            # It becomes part of a URL: /users/<username>/
            Regexp(r"^\w[\w.-]*$", message="Use letters, digits, '.', '-' or '_'."),
        ],
    )
    password1 = PasswordField("Password", validators=[DataRequired()])
    password2 = PasswordField(
        "Password again",
        validators=[DataRequired(), EqualTo("password1", "The passwords differ.")],
    )

    def validate_username(self, field):
        """A second account with the same name would be ambiguous."""
        if username_taken(field.data):
            raise ValidationError("That username is taken.")

    def validate_password1(self, field):
        """The password rules (passwords.py), the same as Django's."""
        problems = password_problems(field.data, self.username.data or "")
        if problems:
            raise ValidationError(" ".join(problems))


class PasswordChangeForm(FlaskForm):
    """The old password, then the new one twice (Django's field names)."""

    old_password = PasswordField("Old password", validators=[DataRequired()])
    new_password1 = PasswordField("New password", validators=[DataRequired()])
    new_password2 = PasswordField(
        "New password again",
        validators=[DataRequired(), EqualTo("new_password1", "The passwords differ.")],
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def validate_old_password(self, field):
        if not self.user.check_password(field.data):
            raise ValidationError("That is not your current password.")

    def validate_new_password1(self, field):
        problems = password_problems(field.data, self.user.username)
        if problems:
            raise ValidationError(" ".join(problems))
