"""Run the black-box parity suite (tests/parity) against both tracks' apps.

Each target runs in its own process, because Django configures itself once per
process. The targets are every step's pair of snapshots from the first step whose routes
allow black-box checks (step 04: pages from the database). Each check carries
the step that introduces its clause (``@since(N)``), so a step is held only to the
clauses it has reached. Here the apps use SQLite; tests/test_postgres.py runs the
same suite against both finished apps on PostgreSQL.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys

import pytest

from coursekit import paths

ROOT = paths.course_root()
FIRST_CHECKED_STEP = 4
TARGETS = [
    step
    for track in paths.TRACKS
    for step in paths.snapshot_dirs(track, ROOT)
    if int(re.match(r"step(\d+)_", step.name).group(1)) >= FIRST_CHECKED_STEP
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
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert re.search(r"\d+ passed", result.stdout)


# Where each clause of docs/app-spec.md is checked. The parity suite checks the
# behaviour over HTTP; the rest are commands and settings, checked per snapshot.
CLAUSE_CHECKS = {
    "tests/parity/test_contract.py": [f"R{n}" for n in range(1, 14)]
    + ["S1", "S2", "S3", "S4", "S5", "S7", "D1", "D2", "D3", "E1"],
    "tests/parity/test_security.py": [
        "R14",
        "S6",
        "S8",
        "S9",
        "S10",
        "S11",
        "S12",
        "S13",
    ],
    "tests/parity/test_queries.py": ["Q1"],
    "tests/parity/test_browser.py": ["R13", "S12"],
    "tests/test_snapshots.py": ["S6", "S13", "C1", "C2", "C3", "C4"],
}


def test_spec_and_suites_name_the_same_clauses():
    spec = (ROOT / "docs" / "app-spec.md").read_text()
    in_spec = set(re.findall(r"\*\*([RSDCEQ]\d+)\b|\| ([RSDCEQ]\d+) \|", spec))
    in_spec = {a or b for a, b in in_spec}
    checked = {clause for clauses in CLAUSE_CHECKS.values() for clause in clauses}
    assert in_spec == checked, f"spec only: {in_spec - checked}, tests only: "
    for path, clauses in CLAUSE_CHECKS.items():
        source = (ROOT / path).read_text()
        missing = [c for c in clauses if not re.search(rf"\b{c}\b", source)]
        assert not missing, f"{path} checks no {missing}"


def test_each_check_names_the_step_of_its_clause():
    """Every parity test says from which step its clause applies (@since)."""
    for path in sorted((ROOT / "tests" / "parity").glob("test_*.py")):
        tree = ast.parse(path.read_text())
        unmarked = [
            node.name
            for node in tree.body
            if isinstance(node, ast.FunctionDef)
            and node.name.startswith("test_")
            and not any("since" in ast.unparse(d) for d in node.decorator_list)
        ]
        assert not unmarked, f"{path.name}: no @since on {unmarked}"
