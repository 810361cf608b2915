"""Instructor settings come from an untracked file and the environment, never from
tracked files; the late penalty is per started hour."""

from __future__ import annotations

import subprocess
from datetime import datetime

import pytest
from traitlets.config.loader import PyFileConfigLoader

from coursekit import paths
from coursekit.grading import PerHourPenalty, SettingsError, load_settings

ROOT = paths.course_root()
VARIABLES = (
    "COURSE_ID",
    "COURSE_EXCHANGE_ROOT",
    "COURSE_TIMEZONE",
    "COURSE_LATE_PENALTY_PER_HOUR",
    "COURSE_SETTINGS",
)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for variable in VARIABLES:
        monkeypatch.delenv(variable, raising=False)


def write(tmp_path, text):
    (tmp_path / "instructor_settings.toml").write_text(text)
    return tmp_path


def test_defaults_without_a_file(tmp_path):
    settings = load_settings(tmp_path)
    assert settings.course_id == "flask-django-bookmarks"
    assert settings.exchange_root is None
    assert settings.late_penalty_per_hour == 0
    assert settings.due_dates == {}


def test_file_then_environment(tmp_path, monkeypatch):
    root = write(
        tmp_path,
        'course_id = "from-file"\nexchange_root = "/srv/x"\n'
        'timezone = "Asia/Tokyo"\nlate_penalty_per_hour = 2\n'
        '[due_dates]\nflask01_routing = "2027-02-01 09:00"\n',
    )
    settings = load_settings(root)
    assert (settings.course_id, settings.exchange_root) == ("from-file", "/srv/x")
    # 09:00 in Tokyo is midnight UTC; the gradebook stores naive UTC.
    assert settings.due_dates == {"flask01_routing": datetime(2027, 2, 1, 0, 0)}
    monkeypatch.setenv("COURSE_ID", "from-env")
    monkeypatch.setenv("COURSE_LATE_PENALTY_PER_HOUR", "0.5")
    monkeypatch.setenv("COURSE_TIMEZONE", "UTC")
    settings = load_settings(root)
    assert settings.course_id == "from-env"
    assert settings.late_penalty_per_hour == 0.5
    assert settings.due_dates == {"flask01_routing": datetime(2027, 2, 1, 9, 0)}
    assert settings.exchange_root == "/srv/x"


def test_course_settings_names_another_file(tmp_path, monkeypatch):
    other = tmp_path / "elsewhere.toml"
    other.write_text('course_id = "elsewhere"\n')
    monkeypatch.setenv("COURSE_SETTINGS", str(other))
    assert load_settings(tmp_path / "nowhere").course_id == "elsewhere"


@pytest.mark.parametrize(
    "text, message",
    [
        ('timezone = "Mars/Olympus"\n', "Unknown time zone"),
        ("late_penalty_per_hour = -1\n", "must be a number >= 0"),
        ('[due_dates]\nflask01_routing = "next friday"\n', "YYYY-MM-DD HH:MM"),
        ('course = "typo"\n', "unknown setting"),
        ("course_id = \n", "not valid TOML"),
    ],
)
def test_mistakes_get_a_friendly_error(tmp_path, text, message):
    with pytest.raises(SettingsError, match=message):
        load_settings(write(tmp_path, text))


@pytest.mark.parametrize(
    "seconds, penalty", [(0, None), (1, 1.5), (3600, 1.5), (3601, 3.0), (9000, 4.5)]
)
def test_penalty_per_started_hour(seconds, penalty):
    plugin = PerHourPenalty(points_per_hour=1.5)
    assert plugin.late_submission_penalty("learner", 10, seconds) == penalty


def test_nbgrader_config_reads_the_settings(monkeypatch):
    monkeypatch.setenv("COURSE_ID", "term-2027")
    monkeypatch.setenv("COURSE_EXCHANGE_ROOT", "/srv/exchange-2027")
    monkeypatch.setenv("COURSE_LATE_PENALTY_PER_HOUR", "2")
    monkeypatch.setenv("COURSE_SETTINGS", "/nonexistent/settings.toml")
    config = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()
    assert config.CourseDirectory.course_id == "term-2027"
    assert config.Exchange.root == "/srv/exchange-2027"
    assert config.PerHourPenalty.points_per_hour == 2.0
    # Feedback hides the hidden tests (nbgrader shows them by default).
    names = [p.__name__ for p in config.GenerateFeedback.preprocessors]
    assert names[0] == "HideTestCode", names


def test_private_files_are_ignored_by_git():
    private = [
        "grades.csv",
        "gradebook.db",
        "instructor_settings.toml",
        "submitted/ada/flask01_routing/flask01_routing.ipynb",
        "autograded/ada/flask01_routing/flask01_routing.ipynb",
        "feedback/ada/flask01_routing/flask01_routing.html",
    ]
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", *private],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.stdout.split() == private, result.stdout + result.stderr
    assert (
        "instructor_settings.example.toml"
        not in subprocess.run(
            ["git", "check-ignore", "--no-index", "instructor_settings.example.toml"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout
    )
