"""Run the black-box parity suite (tests/parity) against both tracks' apps.

Each target runs in its own process, because Django configures itself once per
process. The targets are the finished apps and every earlier step that already has
the whole contract's routes (step 05, users and security).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from coursekit import paths

ROOT = paths.course_root()
FIRST_FULL_STEP = 5
TARGETS = [
    step
    for track in paths.TRACKS
    for step in paths.snapshot_dirs(track, ROOT)
    if int(re.match(r"step(\d+)_", step.name).group(1)) >= FIRST_FULL_STEP
]


def test_both_finished_apps_are_checked():
    tracks = {step.parent.name for step in TARGETS}
    assert tracks == set(paths.TRACKS), f"parity targets: {TARGETS}"


@pytest.mark.parametrize("step", TARGETS, ids=lambda p: f"{p.parent.name}-{p.name}")
def test_app_satisfies_the_contract(step):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/parity",
        ],
        cwd=ROOT,
        env={**os.environ, "PARITY_APP": str(step)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert re.search(r"\d+ passed", result.stdout)


# Where each clause of docs/app-spec.md is checked. The parity suite checks the
# behaviour over HTTP; the rest are commands and settings, checked per snapshot.
CLAUSE_CHECKS = {
    "tests/parity/test_contract.py": [f"R{n}" for n in range(1, 14)]
    + ["S1", "S2", "S3", "S4", "S5", "D1", "D2", "D3"],
    "tests/test_snapshots.py": ["S6", "C1", "C2", "C3"],
}


def test_spec_and_suites_name_the_same_clauses():
    spec = (ROOT / "docs" / "app-spec.md").read_text()
    in_spec = set(re.findall(r"\*\*([RSDC]\d+)\b|\| ([RSDC]\d+) \|", spec))
    in_spec = {a or b for a, b in in_spec}
    checked = {clause for clauses in CLAUSE_CHECKS.values() for clause in clauses}
    assert in_spec == checked, f"spec only: {in_spec - checked}, tests only: "
    for path, clauses in CLAUSE_CHECKS.items():
        source = (ROOT / path).read_text()
        missing = [c for c in clauses if not re.search(rf"\b{c}\b", source)]
        assert not missing, f"{path} checks no {missing}"
