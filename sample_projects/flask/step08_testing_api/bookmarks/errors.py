"""Error pages: our own HTML for people, JSON under /api/ for programs."""

from flask import Blueprint, render_template, request
from werkzeug.exceptions import HTTPException

from .extensions import db

bp = Blueprint("errors", __name__)

# The errors a visitor can meet on the site have pages of our own.
PAGES = {403, 404, 500}


def error_response(error):
    """The response for an HTTP error such as 404 Not Found."""
    if request.path.startswith("/api/"):
        return {"error": error.name}, error.code
    if error.code in PAGES:
        return render_template(f"errors/{error.code}.html"), error.code
    return error  # Werkzeug's own short page, with the right status


# app_errorhandler: for errors anywhere in the app, not only in this blueprint.
# HTTPException covers every HTTP error: 400 (a missing CSRF token too), 403,
# 404, 405 Method Not Allowed...
@bp.app_errorhandler(HTTPException)
def http_error(error):
    """Any HTTP error: JSON under /api/, our page or Werkzeug's elsewhere."""
    return error_response(error)


@bp.app_errorhandler(500)
def server_error(error):
    """500: a bug. Flask passes the original exception inside ``error``."""
    # The failed request may have left the session mid-transaction.
    db.session.rollback()
    return error_response(error)
