"""The JSON API: the same public bookmarks, for programs instead of people."""

from django.http import JsonResponse
from django.views.decorators.http import require_safe

from .models import Bookmark


def bookmark_as_dict(bookmark):
    """The JSON form of a bookmark: plain types only (str, int, list)."""
    return {
        "id": bookmark.id,
        "url": bookmark.url,
        "title": bookmark.title,
        "notes": bookmark.notes,
        "tags": [tag.name for tag in bookmark.tags.all()],
        "owner": bookmark.owner.username,
        "created_at": bookmark.created_at.isoformat(),
    }


@require_safe
def bookmark_list(request):
    """Public bookmarks, newest first; ``?tag=python`` keeps those tagged python."""
    bookmarks = Bookmark.objects.public().select_related("owner")
    bookmarks = bookmarks.prefetch_related("tags")
    if tag := request.GET.get("tag"):
        bookmarks = bookmarks.filter(tags__name=tag)
    # safe=False: JsonResponse only accepts a dict unless told otherwise.
    return JsonResponse([bookmark_as_dict(b) for b in bookmarks], safe=False)
