"""Shared fixtures for the course's own checks."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from coursekit import lab

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def free_port():
    """A function returning a port nothing listens on now."""
    return lab.free_port


@pytest.fixture
def fake_course(tmp_path, monkeypatch):
    """A minimal course folder with two Flask snapshots, used as COURSE_ROOT."""
    root = tmp_path / "course"
    (root / "notebooks" / "flask").mkdir(parents=True)
    (root / "environment.yml").write_text("name: test\n")
    step1 = root / "sample_projects" / "flask" / "step01_routing"
    step2 = root / "sample_projects" / "flask" / "step02_templates_forms"
    (step1 / "bookmarks").mkdir(parents=True)
    (step1 / "bookmarks" / "__init__.py").write_text("VERSION = 1\n")
    (step1 / "README.md").write_text("step one\n")
    shutil.copytree(step1, step2)
    (step2 / "bookmarks" / "__init__.py").write_text("VERSION = 2\n")
    (step2 / "bookmarks" / "forms.py").write_text("FORMS = True\n")
    monkeypatch.setenv("COURSE_ROOT", str(root))
    monkeypatch.setenv("COURSE_WORKSPACE", str(root / "workspace"))
    return root


# The parity suite runs once per app, in its own process (tests/test_parity.py):
# Django's settings can be configured only once per process.
collect_ignore = [] if os.environ.get("PARITY_APP") else ["parity"]
