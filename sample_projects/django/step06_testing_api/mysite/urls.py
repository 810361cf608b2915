"""The project's URLconf: the first place Django looks for a matching path.

Each app keeps its own urls.py; include() plugs it in under a prefix.
https://docs.djangoproject.com/en/5.2/topics/http/urls/
"""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

urlpatterns = [
    path("", include("bookmarks.urls")),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
]

if settings.SERVE_STATIC:
    # Production without a separate web server: serve the files collectstatic
    # gathered in STATIC_ROOT, at STATIC_URL. serve() refuses paths outside it.
    urlpatterns += [
        re_path(
            r"^static/(?P<path>.*)$", serve, {"document_root": settings.STATIC_ROOT}
        )
    ]
