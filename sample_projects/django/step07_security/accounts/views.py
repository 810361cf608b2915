"""Registration: the one account view Django does not provide."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import UserCreationForm
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def register(request):
    """Sign up with a username and a password typed twice, then log in.

    UserCreationForm checks that the username is free, that both passwords
    match and pass AUTH_PASSWORD_VALIDATORS, and saves only a hash of it.
    """
    if request.method == "POST":
        form = UserCreationForm(request.POST)
        if form.is_valid():
            user = form.save()
            login(request, user)  # starts a new session for the new user
            messages.success(request, f"Welcome, {user.username}!")
            return redirect("bookmarks:index")
    else:
        form = UserCreationForm()
    return render(request, "accounts/register.html", {"form": form})
