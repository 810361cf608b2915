"""Command-line commands, run as ``flask --app bookmarks <command>``."""

import click
from flask.cli import with_appcontext

from .demo import load_demo_data
from .extensions import db
from .models import User


@click.command("seed-demo")
@with_appcontext  # the database needs an app context, as in a request
def seed_demo():
    """Load the demo bookmarks (safe to run more than once)."""
    added = load_demo_data()
    click.echo(f"Added {added} demo bookmarks.")


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
    """Create a user. It never prompts, so scripts and tests can run it."""
    if db.session.scalar(db.select(User).filter_by(username=username)):
        raise click.ClickException(f"User {username!r} already exists.")
    user = User(username=username, is_staff=staff)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    click.echo(f"Created {'staff user' if staff else 'user'} {username}.")


def init_app(app):
    """Make the commands available on ``app``'s command line."""
    app.cli.add_command(seed_demo)
    app.cli.add_command(create_user)
