"""The app's data: tags and bookmarks, as Python classes Django maps to tables."""

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse


class Tag(models.Model):
    """A label such as "python"; a bookmark can have many, a tag many bookmarks."""

    name = models.SlugField(max_length=50, unique=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            # The database itself refuses "Python" (model forms check it too).
            models.CheckConstraint(
                condition=Q(name=Lower("name")),
                name="tag_name_lowercase",
                violation_error_message="Tag names are lowercase.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("bookmarks:by_tag", args=[self.name])


class BookmarkQuerySet(models.QuerySet):
    """Reusable filters: Bookmark.objects.public(), user.bookmarks.visible_to(...)."""

    def public(self):
        return self.filter(private=False)

    def visible_to(self, user):
        """Public bookmarks, plus the private ones of ``user`` if logged in."""
        if user.is_authenticated:
            return self.filter(Q(private=False) | Q(owner=user))
        return self.public()

    def search(self, text):
        """Bookmarks whose title, url or notes contain ``text``, ignoring case.

        The ORM sends ``text`` to the database as a parameter, never as SQL.
        """
        return self.filter(
            Q(title__icontains=text) | Q(url__icontains=text) | Q(notes__icontains=text)
        )


class Bookmark(models.Model):
    """A saved web address with a title, notes and tags, owned by a user."""

    # Only web addresses: a javascript: URL would run code when clicked.
    url = models.URLField(
        "URL", max_length=2000, validators=[URLValidator(schemes=["http", "https"])]
    )
    title = models.CharField(max_length=200)
    notes = models.TextField(blank=True)
    private = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # settings.AUTH_USER_MODEL is "auth.User" here; naming it through the setting
    # keeps the app working with a custom user model.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks"
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="bookmarks")

    objects = BookmarkQuerySet.as_manager()

    class Meta:
        # Newest first; the id breaks ties between bookmarks saved at once.
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("bookmarks:detail", args=[self.pk])

    def set_tags(self, names):
        """Give this bookmark exactly the tags called ``names``, creating new ones."""
        tags = [Tag.objects.get_or_create(name=name)[0] for name in names]
        self.tags.set(tags)
