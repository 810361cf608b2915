"""The bookmarks app's URLs. app_name makes their names "bookmarks:<name>"."""

from django.urls import path

from . import api, views

app_name = "bookmarks"

urlpatterns = [
    path("", views.index, name="index"),
    path("bookmarks/new/", views.new, name="new"),
    # <int:pk> only matches digits and passes them to the view as an int.
    path("bookmarks/<int:pk>/", views.detail, name="detail"),
    # <slug:name> matches letters, digits, hyphens and underscores.
    path("tags/<slug:name>/", views.by_tag, name="by_tag"),
    # <str:...> matches anything but "/": usernames may contain "@", "." or "+".
    path("users/<str:username>/", views.by_user, name="by_user"),
    path("search/", views.search, name="search"),
    path("api/bookmarks/", api.bookmark_list, name="api_bookmarks"),
]
