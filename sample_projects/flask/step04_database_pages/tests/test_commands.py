from bookmarks.extensions import db
from bookmarks.models import Bookmark


def count_bookmarks(app):
    with app.app_context():
        return db.session.scalar(db.select(db.func.count(Bookmark.id)))


def test_seed_demo_loads_the_demo_bookmarks_once(runner, app):
    result = runner.invoke(args=["seed-demo"])
    assert "Added 6 demo bookmarks." in result.output
    assert count_bookmarks(app) == 3 + 6
    # Running it again changes nothing.
    assert "Added 0 demo bookmarks." in runner.invoke(args=["seed-demo"]).output
    assert count_bookmarks(app) == 3 + 6
