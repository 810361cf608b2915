"""Logging in and out, and registering: mounted at /accounts/ by mysite/urls.py."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    # Django's own views do the work; we only supply the template. LoginView
    # follows ?next= only when it points to this site.
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="accounts/login.html"),
        name="login",
    ),
    # LogoutView only accepts POST, so another site cannot log you out with a link.
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("register/", views.register, name="register"),
]
