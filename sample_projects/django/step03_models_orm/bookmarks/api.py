"""The JSON API: the same bookmarks, for programs instead of people."""

from django.http import JsonResponse
from django.views.decorators.http import require_safe

from .demo import BOOKMARKS


@require_safe
def bookmark_list(request):
    """Every bookmark as JSON; ``?tag=python`` keeps those tagged python."""
    tag = request.GET.get("tag")
    bookmarks = [b for b in BOOKMARKS if tag is None or tag in b["tags"]]
    # JsonResponse only accepts a dict unless told safe=False: a top-level JSON
    # array could be read by other sites in very old browsers.
    return JsonResponse(bookmarks, safe=False)
