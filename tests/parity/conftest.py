"""Fixtures of the parity suite: ``PARITY_APP`` names the step folder under test."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from werkzeug.test import Client

from .site import STAFF_PASSWORD, App, Browser, step_number

PASSWORD = "correct horse battery staple 42"


def pytest_collection_modifyitems(config, items):
    """Leave out clauses the step under test has not reached yet (marker ``since``)."""
    target = os.environ.get("PARITY_APP")
    if not target:
        return
    step = step_number(Path(target))
    kept, left = [], []
    for item in items:
        marker = item.get_closest_marker("since")
        (left if marker and marker.args[0] > step else kept).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


def pytest_configure(config):
    config.addinivalue_line("markers", "since(step): clause implemented from step N")


@pytest.fixture(scope="session")
def app_under_test(tmp_path_factory) -> App:
    """The app: on SQLite, or on the PostgreSQL server ``PARITY_POSTGRES_URL``."""
    target = os.environ.get("PARITY_APP")
    assert target, "set PARITY_APP to a sample_projects step folder"
    workdir = tmp_path_factory.mktemp("parity")
    return App(Path(target).resolve(), workdir, os.environ.get("PARITY_POSTGRES_URL"))


@pytest.fixture
def wsgi(app_under_test):
    return app_under_test.fresh()


@pytest.fixture
def label(app_under_test) -> str:
    """Names the app in failure messages, e.g. 'django step08_testing_api'."""
    return f"{app_under_test.framework} {app_under_test.step.name}"


@pytest.fixture
def browser(wsgi):
    """A new anonymous visitor."""

    def make() -> Browser:
        return Browser(Client(wsgi))

    return make


@pytest.fixture
def user(browser):
    """A registered, logged-in visitor with a unique name."""

    def make() -> Browser:
        name = "u" + uuid.uuid4().hex[:10]
        registered = browser().register(name, PASSWORD)
        assert registered.status_code in (302, 303), "registration failed"
        visitor = browser()
        response = visitor.login(name, PASSWORD)
        assert response.status_code in (302, 303), "a new user could not log in"
        return visitor

    return make


@pytest.fixture
def author(app_under_test, browser, user, staff):
    """Someone who may add bookmarks: a registered user from step 06; before that
    anyone (new bookmarks belong to a demo user), or staff where the form needs
    a login."""

    def make() -> Browser:
        if app_under_test.number >= 6:
            return user()
        visitor = browser()
        if visitor.get("/bookmarks/new/").status_code != 200:
            return staff()
        return visitor

    return make


@pytest.fixture
def staff(browser, app_under_test):
    """A logged-in staff user, through the site's login page or, before the site
    has one (Django step 05), the admin's."""

    def make() -> Browser:
        visitor = browser()
        assert app_under_test.has_staff, "no staff user before step 05"
        page = "/accounts/login/"
        if visitor.get(page).status_code == 404:
            page = "/admin/login/"
        fields = visitor.hidden_fields(page, ("username", "password"))
        data = {**fields, "username": "staff", "password": STAFF_PASSWORD}
        assert visitor.post(page, data).status_code in (302, 303), "staff login"
        visitor.username = "staff"
        return visitor

    return make
