"""Accounts: register, log in and log out, with Flask-Login."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import login_required, login_user, logout_user

from .extensions import db, login_manager
from .forms import LoginForm, RegisterForm
from .models import User
from .security import is_safe_redirect

bp = Blueprint("auth", __name__, url_prefix="/accounts")


@login_manager.user_loader
def load_user(user_id):
    """Flask-Login keeps only the user's id in the session; this loads the rest."""
    return db.session.get(User, int(user_id))


@bp.route("/register/", methods=["GET", "POST"])
def register():
    """Create an account, then log straight in."""
    form = RegisterForm()
    if form.validate_on_submit():
        user = User(username=form.username.data)
        user.set_password(form.password1.data)
        db.session.add(user)
        db.session.commit()
        login_user(user)
        flash(f"Welcome, {user.username}! Your account is ready.")
        return redirect(url_for("bookmarks.index"))
    return render_template("auth/register.html", form=form)


@bp.route("/login/", methods=["GET", "POST"])
def login():
    """Check the username and password, then go back where the user came from.

    ``?next=`` is set by @login_required. It is only followed when it is a
    path on this site: otherwise a link to our login page could send the
    user, freshly logged in and trusting, to any site (an open redirect).
    """
    form = LoginForm()
    if form.validate_on_submit():
        query = db.select(User).filter_by(username=form.username.data)
        user = db.session.scalar(query)
        if user is not None and user.check_password(form.password.data):
            login_user(user)
            flash(f"Welcome, {user.username}!")
            target = request.args.get("next")
            if not is_safe_redirect(target):
                target = url_for("bookmarks.index")
            return redirect(target)
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
