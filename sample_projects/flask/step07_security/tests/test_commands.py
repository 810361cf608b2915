from bookmarks.extensions import db
from bookmarks.models import Bookmark, User


def count_bookmarks(app):
    with app.app_context():
        return db.session.scalar(db.select(db.func.count(Bookmark.id)))


def get_user(app, username):
    with app.app_context():
        return db.session.scalar(db.select(User).filter_by(username=username))


def test_seed_demo_loads_the_demo_bookmarks_once(runner, app):
    result = runner.invoke(args=["seed-demo"])
    assert "Added 6 demo bookmarks." in result.output
    assert count_bookmarks(app) == 3 + 6
    # Running it again changes nothing.
    assert "Added 0 demo bookmarks." in runner.invoke(args=["seed-demo"]).output
    assert count_bookmarks(app) == 3 + 6


def test_create_user_with_password_option(runner, app, quick_hashing):
    result = runner.invoke(args=["create-user", "carol", "--password", "pw-carol"])
    assert result.exit_code == 0, result.output
    carol = get_user(app, "carol")
    assert carol.check_password("pw-carol")
    assert not carol.is_staff


def test_create_staff_user_with_password_from_environment(runner, app, quick_hashing):
    result = runner.invoke(
        args=["create-user", "dave", "--staff"], env={"BOOKMARKS_PASSWORD": "pw-dave"}
    )
    assert result.exit_code == 0, result.output
    dave = get_user(app, "dave")
    assert dave.is_staff and dave.check_password("pw-dave")


def test_create_user_never_prompts_for_a_password(runner):
    result = runner.invoke(args=["create-user", "erin"], input="typed\n")
    assert result.exit_code != 0
    assert "Missing option '--password'" in result.output


def test_create_user_refuses_an_existing_username(runner):
    result = runner.invoke(args=["create-user", "alice", "--password", "x"])
    assert result.exit_code != 0
    assert "already exists" in result.output
