"""The admin site: staff manage bookmarks and tags at /admin/.

A ModelAdmin describes how one model appears there; @admin.register adds it.
"""

from django.contrib import admin
from django.db import models
from django.db.models import Count

from .models import Bookmark, Tag

admin.site.site_header = "Bookmarks admin"


class TaggedBookmarkInline(admin.TabularInline):
    """A tag's bookmarks, edited on the tag's page.

    Bookmark.tags.through is the table Django made for the many-to-many field:
    one row per (bookmark, tag) pair.
    """

    model = Bookmark.tags.through
    extra = 0
    autocomplete_fields = ["bookmark"]  # a search box instead of a long <select>
    verbose_name = "bookmark"
    verbose_name_plural = "bookmarks with this tag"


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "bookmark_count"]
    search_fields = ["name"]
    inlines = [TaggedBookmarkInline]

    def get_queryset(self, request):
        # Count each tag's bookmarks in the same query as the tags themselves.
        queryset = super().get_queryset(request)
        return queryset.annotate(bookmark_count=Count("bookmarks"))

    @admin.display(description="bookmarks", ordering="bookmark_count")
    def bookmark_count(self, tag):
        return tag.bookmark_count


@admin.register(Bookmark)
class BookmarkAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "created_at", "private"]
    list_filter = ["tags", "private"]
    search_fields = ["title", "url", "notes"]
    list_select_related = ["owner"]  # one JOIN, not one query per row
    date_hierarchy = "created_at"
    autocomplete_fields = ["owner", "tags"]
    actions = ["make_private", "make_public"]
    # "example.com" typed in the URL box means https://example.com.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    # permissions=["change"]: the action is offered only to users who may
    # change bookmarks (a user with "view" only does not see it).
    @admin.action(description="Make selected bookmarks private", permissions=["change"])
    def make_private(self, request, queryset):
        count = queryset.update(private=True)
        self.message_user(request, f"{count} bookmark(s) made private.")

    @admin.action(description="Make selected bookmarks public", permissions=["change"])
    def make_public(self, request, queryset):
        count = queryset.update(private=False)
        self.message_user(request, f"{count} bookmark(s) made public.")
