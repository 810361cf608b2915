"""Bookmark pages, rendered with templates."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from .demo import BOOKMARKS
from .forms import BookmarkForm


def list_page(request, heading, bookmarks):
    """Render ``bookmarks`` under ``heading`` with the list template."""
    context = {"heading": heading, "bookmarks": bookmarks}
    return render(request, "bookmarks/list.html", context)


@require_safe
def index(request):
    """The home page: every bookmark."""
    return list_page(request, "Latest bookmarks", BOOKMARKS)


@require_safe
def detail(request, pk):
    """One bookmark. ``pk`` is already an int, thanks to the <int:pk> converter."""
    bookmark = next((b for b in BOOKMARKS if b["id"] == pk), None)
    if bookmark is None:
        raise Http404("No such bookmark.")
    return render(request, "bookmarks/detail.html", {"bookmark": bookmark})


@require_safe
def by_tag(request, name):
    """Bookmarks with the tag ``name``; an unknown tag is a 404."""
    tagged = [b for b in BOOKMARKS if name in b["tags"]]
    if not tagged:
        raise Http404("No bookmark has this tag.")
    return list_page(request, f"Tag: {name}", tagged)


@require_safe
def search(request):
    """Bookmarks whose title, url or notes contain ``?q=``, ignoring case."""
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
    return list_page(request, f"Search: {q}", found)


@require_http_methods(["GET", "POST"])
def new(request):
    """GET shows an empty form; a valid POST saves the bookmark and redirects."""
    if request.method == "POST":
        form = BookmarkForm(request.POST)  # a "bound" form: data to check
        if form.is_valid():
            # cleaned_data holds the checked values: url, title, notes, tags, private.
            bookmark = {"id": max(b["id"] for b in BOOKMARKS) + 1, **form.cleaned_data}
            BOOKMARKS.insert(0, bookmark)  # new bookmarks go to the top
            messages.success(request, "Bookmark saved.")
            # Post/redirect/get: reloading the next page won't send the form again.
            return redirect("bookmarks:detail", pk=bookmark["id"])
    else:
        form = BookmarkForm()  # an "unbound" form: empty fields
    # A GET, or a POST with errors: show the form (with its error messages).
    context = {"form": form, "heading": "New bookmark"}
    return render(request, "bookmarks/form.html", context)
