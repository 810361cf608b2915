"""The project's URLconf: the first place Django looks for a matching path.

Each app keeps its own urls.py; include() plugs it in under a prefix.
https://docs.djangoproject.com/en/5.2/topics/http/urls/
"""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("bookmarks.urls")),
    # Every new project has the admin; lesson 5 puts our models in it.
    path("admin/", admin.site.urls),
]
