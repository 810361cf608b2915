"""Accounts: log in and log out, with Flask-Login."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import login_required, login_user, logout_user

from .extensions import db, login_manager
from .forms import LoginForm
from .models import User

bp = Blueprint("auth", __name__, url_prefix="/accounts")


@login_manager.user_loader
def load_user(user_id):
    """Flask-Login keeps only the user's id in the session; this loads the rest."""
    return db.session.get(User, int(user_id))


@bp.route("/login/", methods=["GET", "POST"])
def login():
    """Check the username and password, then remember the user in the session."""
    form = LoginForm()
    if form.validate_on_submit():
        query = db.select(User).filter_by(username=form.username.data)
        user = db.session.scalar(query)
        if user is not None and user.check_password(form.password.data):
            login_user(user)
            flash(f"Welcome, {user.username}!")
            # Lesson 6 returns you to the page you came from (?next=), safely.
            return redirect(url_for("bookmarks.index"))
        # One message for both mistakes: don't reveal which usernames exist.
        flash("Wrong username or password.")
    return render_template("auth/login.html", form=form)


@bp.post("/logout/")
@login_required
def logout():
    """Log out. Only by POST (with a CSRF token), so no link can do it for you."""
    logout_user()
    flash("You have logged out.")
    return redirect(url_for("bookmarks.index"))
