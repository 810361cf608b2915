"""Bookmark pages, as small hand-made HTML (templates arrive in lesson 2)."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_safe

from .demo import BOOKMARKS


def list_page(heading, bookmarks):
    """A minimal HTML page listing ``bookmarks`` as links to their pages.

    format_html() escapes its arguments, so a title like "<script>" is shown
    as text instead of being run by the browser.
    """
    items = format_html_join(
        "\n",
        '<li><a href="{}">{}</a></li>',
        ((reverse("bookmarks:detail", args=[b["id"]]), b["title"]) for b in bookmarks),
    )
    return HttpResponse(format_html("<h1>{}</h1>\n<ul>\n{}\n</ul>", heading, items))


# require_safe: only GET (and HEAD); any other method gets "405 Method Not Allowed".
@require_safe
def index(request):
    """The home page: every bookmark."""
    return list_page("Bookmarks", BOOKMARKS)


@require_safe
def detail(request, pk):
    """One bookmark. ``pk`` is already an int, thanks to the <int:pk> converter."""
    bookmark = next((b for b in BOOKMARKS if b["id"] == pk), None)
    if bookmark is None:
        raise Http404("No such bookmark.")
    tags = format_html_join(
        ", ",
        '<a href="{}">{}</a>',
        ((reverse("bookmarks:by_tag", args=[tag]), tag) for tag in bookmark["tags"]),
    )
    return HttpResponse(
        format_html(
            '<h1>{}</h1>\n<p><a href="{}">{}</a></p>\n<p>{}</p>\n<p>Tags: {}</p>',
            bookmark["title"],
            bookmark["url"],
            bookmark["url"],
            bookmark["notes"],
            tags,
        )
    )


@require_safe
def by_tag(request, name):
    """Bookmarks with the tag ``name``; an unknown tag is a 404."""
    tagged = [b for b in BOOKMARKS if name in b["tags"]]
    if not tagged:
        raise Http404("No bookmark has this tag.")
    return list_page(f"Tag: {name}", tagged)


@require_safe
def search(request):
    """Bookmarks whose title, url or notes contain ``?q=``, ignoring case."""
    # request.GET holds the query string; .get() gives "" when q is missing.
    q = request.GET.get("q", "").strip()
    if not q:
        # Nothing to look for: send the browser to the home page instead.
        return redirect("bookmarks:index")
    needle = q.casefold()
    found = [
        b
        for b in BOOKMARKS
        if any(needle in b[field].casefold() for field in ("title", "url", "notes"))
    ]
    return list_page(f"Search: {q}", found)
