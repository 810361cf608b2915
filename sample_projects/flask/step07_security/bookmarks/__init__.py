"""Bookmarks: a small social bookmarking site."""

from flask import Flask

from . import admin, api, auth, commands, config, security, views
from .extensions import csrf, db, login_manager, migrate


def create_app(test_config=None):
    """Create and configure the app (the application factory).

    Tests pass ``test_config`` to override settings; otherwise the settings
    come from the environment (see config.py).
    """
    app = Flask(__name__)
    if test_config is None:
        app.config.from_mapping(config.from_environment())
    else:
        app.config.from_mapping(config.development(), **test_config)

    # Extensions are created once in extensions.py and bound to each app here.
    db.init_app(app)
    migrate.init_app(app, db)  # adds the `flask db ...` commands
    csrf.init_app(app)
    login_manager.init_app(app)
    admin.init_app(app)
    commands.init_app(app)
    security.init_app(app)

    # Blueprints group related routes; the app serves all of them.
    app.register_blueprint(views.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(api.bp)
    return app
