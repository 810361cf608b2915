"""Accounts: register, log in and log out, with Flask-Login."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.security import check_password_hash, generate_password_hash

from .extensions import db, login_manager
from .forms import LoginForm, PasswordChangeForm, RegisterForm
from .models import User
from .security import is_safe_redirect

bp = Blueprint("auth", __name__, url_prefix="/accounts")

# Checked when the username is unknown, so that the answer takes as long as
# for a wrong password and the response time doesn't reveal who has an account.
DUMMY_HASH = generate_password_hash("not anyone's password")


@login_manager.user_loader
def load_user(token):
    """The session holds the user's session token (User.get_id). A token that
    changed since (logout, new password) loads nobody: that session is over."""
    return db.session.scalar(db.select(User).filter_by(session_token=token))


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
        if user is None:
            check_password_hash(DUMMY_HASH, form.password.data)  # same time
        elif user.check_password(form.password.data):
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
    """Log out, everywhere. Only by POST (with a CSRF token), so no link can do
    it for you.

    logout_user() only empties this browser's cookie; a copy of the old cookie
    would still work. A new session token makes every old cookie worthless.
    """
    current_user.end_sessions()
    db.session.commit()
    logout_user()
    flash("You have logged out.")
    return redirect(url_for("bookmarks.index"))


@bp.route("/password/", methods=["GET", "POST"])
@login_required
def change_password():
    """A new password; every other session of the user ends, this one goes on."""
    form = PasswordChangeForm(current_user)
    if form.validate_on_submit():
        current_user.set_password(form.new_password1.data)  # a new token, too
        db.session.commit()
        login_user(current_user)  # this session, with the new token
        flash("Your password has been changed. Other sessions have ended.")
        return redirect(url_for("bookmarks.index"))
    return render_template("auth/password.html", form=form)
