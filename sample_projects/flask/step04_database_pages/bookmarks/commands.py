"""Command-line commands, run as ``flask --app bookmarks <command>``."""

import click
from flask.cli import with_appcontext

from .demo import load_demo_data


@click.command("seed-demo")
@with_appcontext  # the database needs an app context, as in a request
def seed_demo():
    """Load the demo bookmarks (safe to run more than once)."""
    added = load_demo_data()
    click.echo(f"Added {added} demo bookmarks.")


def init_app(app):
    """Make the commands available on ``app``'s command line."""
    app.cli.add_command(seed_demo)
