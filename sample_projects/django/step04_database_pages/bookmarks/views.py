"""Bookmark pages: QuerySets in, templates out."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from .demo import demo_user
from .forms import BookmarkForm
from .models import Bookmark, Tag

PER_PAGE = 20


def list_page(request, heading, bookmarks, **context):
    """Render page ``?page=N`` of ``bookmarks`` (a QuerySet) under ``heading``."""
    # One query for the owners (a JOIN) and one for all the tags on the page,
    # instead of one query per bookmark.
    bookmarks = bookmarks.select_related("owner").prefetch_related("tags")
    try:
        page = Paginator(bookmarks, PER_PAGE).page(request.GET.get("page", 1))
    except InvalidPage:  # "abc", 0 or past the end: 404, as in Django's ListView
        raise Http404("No such page.") from None
    context.update(heading=heading, page_obj=page)
    return render(request, "bookmarks/list.html", context)


@require_safe
def index(request):
    """The home page: public bookmarks, newest first, and the popular tags."""
    # annotate() adds a computed column: each tag's number of public bookmarks.
    tags = (
        Tag.objects.annotate(
            num_bookmarks=Count("bookmarks", filter=Q(bookmarks__private=False))
        )
        .filter(num_bookmarks__gt=0)
        .order_by("-num_bookmarks", "name")[:10]
    )
    return list_page(request, "Latest bookmarks", Bookmark.objects.public(), tags=tags)


@require_safe
def detail(request, pk):
    """One bookmark; a private one is a 404 to everyone but its owner."""
    bookmark = get_object_or_404(Bookmark.objects.visible_to(request.user), pk=pk)
    return render(request, "bookmarks/detail.html", {"bookmark": bookmark})


@require_safe
def by_tag(request, name):
    """Public bookmarks with the tag ``name``; an unknown tag is a 404."""
    tag = get_object_or_404(Tag, name=name)
    # tag.bookmarks: the reverse side of Bookmark.tags (its related_name).
    return list_page(request, f"Tag: {tag}", tag.bookmarks.public())


@require_safe
def by_user(request, username):
    """A user's public bookmarks, and their private ones when they look."""
    owner = get_object_or_404(get_user_model(), username=username)
    bookmarks = owner.bookmarks.visible_to(request.user)
    return list_page(request, f"Bookmarks by {owner.username}", bookmarks)


@require_safe
def search(request):
    """Public bookmarks whose title, url or notes contain ``?q=``."""
    q = request.GET.get("q", "").strip()
    if not q:
        # Nothing to look for: send the browser to the home page instead.
        return redirect("bookmarks:index")
    bookmarks = Bookmark.objects.public().search(q)
    return list_page(request, f"Search: {q}", bookmarks, q=q)


@require_http_methods(["GET", "POST"])
def new(request):
    """GET shows an empty form; a valid POST saves the bookmark and redirects."""
    if request.method == "POST":
        form = BookmarkForm(request.POST)
        if form.is_valid():
            # Every bookmark needs an owner, but nobody can log in until
            # lesson 6: for now, new bookmarks belong to the demo user.
            form.instance.owner = demo_user()
            bookmark = form.save()
            messages.success(request, "Bookmark saved.")
            # redirect() accepts a model instance: it calls get_absolute_url().
            return redirect(bookmark)
    else:
        form = BookmarkForm()
    context = {"form": form, "heading": "New bookmark"}
    return render(request, "bookmarks/form.html", context)
