"""Without Chromium the browser checks skip with a hint; on CI they fail instead."""

from __future__ import annotations

import pytest

from coursekit import browser as course_browser

from .lab_server import require_chromium


def test_without_chromium_the_checks_skip_with_a_hint_but_fail_on_ci(monkeypatch):
    monkeypatch.setattr(course_browser, "chromium_path", lambda: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        require_chromium()
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="apt-get install chromium"):
        require_chromium()


def test_with_chromium_nothing_is_skipped(monkeypatch, tmp_path):
    fake = tmp_path / "chromium"
    fake.write_text("")
    monkeypatch.setenv("COURSE_CHROMIUM", str(fake))
    require_chromium()  # neither skips nor fails
