"""The JSON API: the same public bookmarks, for programs instead of people."""

from django.core.paginator import InvalidPage, Paginator
from django.http import JsonResponse
from django.views.decorators.http import require_safe

from .models import Bookmark

PER_PAGE = 20


def bookmark_as_dict(bookmark):
    """The JSON form of a bookmark: plain types only (str, int, list)."""
    return {
        "id": bookmark.id,
        "url": bookmark.url,
        "title": bookmark.title,
        "notes": bookmark.notes,
        "tags": [tag.name for tag in bookmark.tags.all()],
        "owner": bookmark.owner.username,
        "created_at": bookmark.created_at.isoformat(),  # ISO 8601, with the UTC offset
    }


def page_link(request, number, rel):
    """A Link header entry for page ``number``, keeping the other parameters."""
    query = request.GET.copy()  # request.GET itself is read-only
    query["page"] = number
    return f'<{request.path}?{query.urlencode()}>; rel="{rel}"'


@require_safe
def bookmark_list(request):
    """Public bookmarks, newest first, 20 a page (``?page=N``).

    ``?tag=python`` keeps those tagged python. The body stays a plain JSON list;
    the Link header points to the next and previous pages (as GitHub's API
    does), and a page that does not exist is a 404.
    """
    bookmarks = Bookmark.objects.public().select_related("owner")
    bookmarks = bookmarks.prefetch_related("tags")
    if tag := request.GET.get("tag"):
        bookmarks = bookmarks.filter(tags__name=tag)
    try:
        page = Paginator(bookmarks, PER_PAGE).page(request.GET.get("page", 1))
    except InvalidPage:
        return JsonResponse({"error": "Not Found"}, status=404)
    # safe=False: JsonResponse only accepts a dict unless told otherwise.
    response = JsonResponse([bookmark_as_dict(b) for b in page], safe=False)
    links = []
    if page.has_next():
        links.append(page_link(request, page.next_page_number(), "next"))
    if page.has_previous():
        links.append(page_link(request, page.previous_page_number(), "prev"))
    if links:
        response["Link"] = ", ".join(links)
    return response
