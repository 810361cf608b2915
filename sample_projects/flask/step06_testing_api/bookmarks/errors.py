"""Error pages: our own HTML for people, JSON under /api/ for programs."""

from flask import Blueprint, render_template, request

from .extensions import db

bp = Blueprint("errors", __name__)


def error_response(error):
    """The response for an HTTP error such as 404 Not Found."""
    if request.path.startswith("/api/"):
        return {"error": error.name}, error.code
    return render_template(f"errors/{error.code}.html"), error.code


# app_errorhandler: for errors anywhere in the app, not only in this blueprint.
@bp.app_errorhandler(403)
def forbidden(error):
    """403: logged in, but not allowed."""
    return error_response(error)


@bp.app_errorhandler(404)
def not_found(error):
    """404: no such page (or a private bookmark that isn't yours)."""
    return error_response(error)


@bp.app_errorhandler(500)
def server_error(error):
    """500: a bug. Flask passes the original exception inside ``error``."""
    # The failed request may have left the session mid-transaction.
    db.session.rollback()
    return error_response(error)
