"""The JSON API: the same bookmarks, for programs instead of people."""

from flask import Blueprint, request

from .demo import BOOKMARKS

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/bookmarks/")
def bookmark_list():
    """Every bookmark as JSON; ``?tag=python`` keeps those tagged python.

    Flask turns a returned list or dict into a JSON response.
    """
    tag = request.args.get("tag")
    return [b for b in BOOKMARKS if tag is None or tag in b["tags"]]
