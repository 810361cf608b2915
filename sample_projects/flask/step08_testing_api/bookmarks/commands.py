"""Command-line commands, run as ``flask --app bookmarks <command>``.

None of them prompts for input, so scripts and tests can run them.
"""

import click
from flask.cli import with_appcontext

from .demo import load_demo_data
from .extensions import db
from .forms import username_taken
from .models import User


@click.command("seed-demo")
@with_appcontext  # the database needs an app context, as in a request
def seed_demo():
    """Load the demo bookmarks (safe to run more than once)."""
    added = load_demo_data()
    click.echo(f"Added {added} demo bookmarks.")


def add_user(username, password, staff):
    """Store a new user, or stop with an error if the name is taken (in any case,
    as on the register page)."""
    if username_taken(username):
        raise click.ClickException(f"User {username!r} already exists.")
    user = User(username=username, is_staff=staff)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    click.echo(f"Created {'staff user' if staff else 'user'} {username}.")


@click.command("create-user")
@click.argument("username")
@click.option(
    "--password",
    envvar="BOOKMARKS_PASSWORD",
    required=True,
    help="The password; better, set BOOKMARKS_PASSWORD (not kept in shell history).",
)
@click.option("--staff", is_flag=True, help="Allow the user into /admin/.")
@with_appcontext
def create_user(username, password, staff):
    """Create a user."""
    add_user(username, password, staff)


@click.command("create-staff")
@click.argument("username")
@click.option(
    "--password",
    envvar="BOOKMARKS_STAFF_PASSWORD",
    required=True,
    help="The password; better, set BOOKMARKS_STAFF_PASSWORD.",
)
@with_appcontext
def create_staff(username, password):
    """Create a staff user, who may use /admin/."""
    add_user(username, password, staff=True)


def init_app(app):
    """Make the commands available on ``app``'s command line."""
    app.cli.add_command(seed_demo)
    app.cli.add_command(create_user)
    app.cli.add_command(create_staff)
