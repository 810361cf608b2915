"""Each lesson makes one snapshot. (Running the lessons: tests/test_rerun.py.)"""

from __future__ import annotations

import pytest

from coursekit import paths

ROOT = paths.course_root()


def test_there_are_lessons():
    assert len(paths.lesson_notebooks("flask", ROOT)) >= 6


@pytest.mark.parametrize("track", paths.TRACKS)
def test_each_snapshot_is_made_by_a_lesson(track):
    steps = [paths.step_name(nb) for nb in paths.lesson_notebooks(track, ROOT)]
    assert [p.name for p in paths.snapshot_dirs(track, ROOT)] == steps
