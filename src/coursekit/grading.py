"""The course's nbgrader settings and preprocessors: every submission ends graded.

``nbgrader_config.py`` plugs these into nbgrader 0.9.6, which by default

* aborts the whole class when one notebook's cell metadata is malformed (a copied
  test cell) and fails a submission holding a test cell from another notebook;
* gives a deleted test cell no score at all, silently;
* leaves a submission that kills its kernel without an autograded notebook or
  feedback;
* warns "checksum has changed" for every honest submission (the learners' copy of
  a test cell lacks its hidden tests), so real tampering does not stand out;
* shows learners the hidden tests' code in their feedback.

What happened to each submission is recorded in the autograded notebook's metadata
(``FLAGS_KEY``); ``coursekit.grade`` turns it into the summary table.

Instructor settings (course id, exchange, time zone, due dates, late penalty) live
outside tracked files: see ``load_settings``.
"""

from __future__ import annotations

import math
import os
import tomllib
import traceback
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import jsonschema
from nbclient.exceptions import DeadKernelError
from nbformat import NotebookNode
from nbgrader import utils
from nbgrader.api import Gradebook
from nbgrader.nbgraderformat import ValidationError
from nbgrader.nbgraderformat.common import BaseMetadataValidator, SchemaMismatchError
from nbgrader.nbgraderformat.v3 import MetadataValidatorV3
from nbgrader.plugins import LateSubmissionPlugin
from nbgrader.preprocessors import (
    CheckCellMetadata,
    ClearHiddenTests,
    DeduplicateIds,
    Execute,
    NbGraderPreprocessor,
    OverwriteCells,
)
from traitlets import Float

# ---------------------------------------------------------------------------
# Instructor settings
# ---------------------------------------------------------------------------

SETTINGS_FILE = "instructor_settings.toml"
DEFAULT_COURSE_ID = "flask-django-bookmarks"
ENVIRONMENT = {
    "COURSE_ID": "course_id",
    "COURSE_EXCHANGE_ROOT": "exchange_root",
    "COURSE_TIMEZONE": "timezone",
    "COURSE_LATE_PENALTY_PER_HOUR": "late_penalty_per_hour",
}


class SettingsError(ValueError):
    """A friendly message about the instructor settings."""


@dataclass(frozen=True)
class Settings:
    course_id: str = DEFAULT_COURSE_ID
    exchange_root: str | None = None
    timezone: str = "UTC"
    late_penalty_per_hour: float = 0.0
    # assignment -> due date, naive UTC (as nbgrader's gradebook stores it)
    due_dates: dict[str, datetime] = field(default_factory=dict)
    source: str = "defaults"


def settings_path(root: Path) -> Path:
    """``COURSE_SETTINGS`` names the file; by default the course root's own."""
    return Path(os.environ.get("COURSE_SETTINGS") or Path(root) / SETTINGS_FILE)


def load_settings(root: Path) -> Settings:
    """Settings from the untracked file, overridden by ``COURSE_*`` variables."""
    path = settings_path(root)
    values: dict = {}
    sources = []
    if path.is_file():
        try:
            values = tomllib.loads(path.read_text())
        except tomllib.TOMLDecodeError as error:
            raise SettingsError(f"{path}: not valid TOML ({error})") from None
        sources.append(str(path))
    known = set(ENVIRONMENT.values()) | {"due_dates"}
    if unknown := set(values) - known:
        raise SettingsError(
            f"{path}: unknown setting(s) {sorted(unknown)}; known: {sorted(known)}"
        )
    for variable, key in ENVIRONMENT.items():
        if os.environ.get(variable):
            values[key] = os.environ[variable]
            sources.append(variable)

    timezone = str(values.get("timezone", "UTC"))
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(
            f"Unknown time zone {timezone!r}: use a name like 'Europe/Paris' or 'UTC'"
        ) from None
    try:
        penalty = float(values.get("late_penalty_per_hour", 0))
    except (TypeError, ValueError):
        penalty = -1
    if penalty < 0 or math.isnan(penalty):
        raise SettingsError(
            "late_penalty_per_hour (COURSE_LATE_PENALTY_PER_HOUR) must be a number "
            f">= 0 of points per started hour, not {values['late_penalty_per_hour']!r}"
        )
    due_dates = {
        name: parse_due_date(name, text, zone)
        for name, text in values.get("due_dates", {}).items()
    }
    return Settings(
        course_id=str(values.get("course_id") or DEFAULT_COURSE_ID),
        exchange_root=str(values["exchange_root"])
        if "exchange_root" in values
        else None,
        timezone=timezone,
        late_penalty_per_hour=penalty,
        due_dates=due_dates,
        source=", ".join(sources) or "defaults",
    )


def parse_due_date(name: str, text, zone: ZoneInfo) -> datetime:
    """``"2027-01-15 23:59"`` in the course's time zone -> naive UTC."""
    try:
        when = text if isinstance(text, datetime) else datetime.fromisoformat(str(text))
    except ValueError:
        raise SettingsError(
            f'due_dates.{name} = {text!r}: write it as "YYYY-MM-DD HH:MM"'
        ) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=zone)
    return when.astimezone(UTC).replace(tzinfo=None)


class PerHourPenalty(LateSubmissionPlugin):
    """Late submissions lose ``points_per_hour`` for every started hour late.

    nbgrader caps the penalty at the score, so a grade never goes below zero.
    """

    points_per_hour = Float(0.0, help="Points off per started hour late").tag(
        config=True
    )

    def late_submission_penalty(self, student_id, score, total_seconds_late):
        hours = math.ceil(total_seconds_late / 3600)
        return hours * self.points_per_hour if hours else None


# ---------------------------------------------------------------------------
# Flags recorded in the autograded notebook
# ---------------------------------------------------------------------------

FLAGS_KEY = "coursekit_grading"
SKIP_KEY = "coursekit_not_run"


def flags_of(nb: NotebookNode) -> dict:
    return nb.metadata.setdefault(FLAGS_KEY, {})


def add_flag(nb: NotebookNode, kind: str, detail: str) -> None:
    details = flags_of(nb).setdefault(kind, [])
    if detail not in details:
        details.append(detail)


def error_output(ename: str, evalue: str) -> NotebookNode:
    return NotebookNode(
        output_type="error",
        ename=ename,
        evalue=evalue,
        traceback=[f"{ename}: {evalue}"],
    )


def cell_name(cell: NotebookNode, index: int) -> str:
    grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
    return repr(grade_id) if grade_id else f"number {index + 1}"


# ---------------------------------------------------------------------------
# Sanitizing: before the submission runs
# ---------------------------------------------------------------------------


class _CachedSchemaCheck(BaseMetadataValidator):
    """Validate against the schema with one compiled validator.

    ``jsonschema.validate`` re-checks the schema itself on every call, and nbgrader
    calls it for every cell, three times per submission: the biggest share of the
    time grading spends outside the learner's kernel.
    """

    def validate_cell(self, cell):
        meta = cell.metadata.get("nbgrader")
        if meta is None or meta.get("schema_version", 0) != self.schema_version:
            return super().validate_cell(cell)  # missing, or the version errors
        error = jsonschema.exceptions.best_match(
            _schema_validator(self.schema_version, self.schema).iter_errors(meta)
        )
        if error is not None:
            raise error


_VALIDATORS: dict[int, object] = {}


def _schema_validator(version: int, schema: dict):
    if version not in _VALIDATORS:
        _VALIDATORS[version] = jsonschema.validators.validator_for(schema)(schema)
    return _VALIDATORS[version]


class QuickMetadataValidator(MetadataValidatorV3, _CachedSchemaCheck):
    """nbgrader's v3 metadata checks, with the schema check above."""


class QuickCheckCellMetadata(CheckCellMetadata):
    """nbgrader's CheckCellMetadata, with the quicker validator (same errors)."""

    def preprocess(self, nb, resources):
        try:
            QuickMetadataValidator().validate_nb(nb)
        except ValidationError:
            self.log.error(traceback.format_exc())
            msg = "Notebook failed to validate; the nbgrader metadata may be corrupted."
            self.log.error(msg)
            raise ValidationError(msg) from None
        return nb, resources


class DropInvalidMetadata(NbGraderPreprocessor):
    """Turn cells with malformed nbgrader metadata into plain cells.

    nbgrader 0.9.6 treats a metadata validation error as fatal for the whole class.
    """

    def preprocess(self, nb, resources):
        self.nb = nb
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, cell_index):
        if "nbgrader" not in cell.metadata:
            return cell, resources
        try:
            QuickMetadataValidator().validate_cell(cell)
        except (ValidationError, SchemaMismatchError, jsonschema.ValidationError) as e:
            self.log.warning(
                "Cell number %d has malformed nbgrader metadata (%s); it is graded "
                "as a plain cell and earns no points.",
                cell_index + 1,
                str(e).splitlines()[0],
            )
            add_flag(self.nb, "tests changed", f"malformed cell {cell_index + 1}")
            del cell.metadata["nbgrader"]
        return cell, resources


class DropDuplicateIds(DeduplicateIds):
    """Like nbgrader's DeduplicateIds, but a copy becomes a plain cell.

    (nbgrader leaves ``{}`` behind, which then fails validation for the class.)
    """

    def preprocess(self, nb, resources):
        self.nb = nb
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, cell_index):
        if not (
            utils.is_grade(cell) or utils.is_solution(cell) or utils.is_locked(cell)
        ):
            return cell, resources
        grade_id = cell.metadata.nbgrader["grade_id"]
        if grade_id in self.grade_ids:
            self.log.warning(
                "Cell %r appears more than once; the copy is graded as a plain cell.",
                grade_id,
            )
            add_flag(self.nb, "tests changed", f"copied {grade_id}")
            del cell.metadata["nbgrader"]
        else:
            self.grade_ids.add(grade_id)
        return cell, resources


class ReconcileCells(NbGraderPreprocessor):
    """Match the submission's nbgrader cells with the assignment's.

    * A cell whose ``grade_id`` the assignment does not have (pasted from another
      notebook, or renamed) becomes a plain cell.
    * A test cell missing from the submission (deleted, or renamed) is put back in
      its place, marked not to run: its part scores 0 and the feedback says why.
    """

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gradebook:
            notebook = gradebook.find_notebook(info["notebook"], info["assignment"])
            order = [cell.name for cell in notebook.source_cells]
            sources = {cell.name: cell for cell in notebook.source_cells}
            tests = {
                cell.name: cell
                for cell in notebook.grade_cells
                if cell.name not in {c.name for c in notebook.solution_cells}
            }
            for cell in nb.cells:
                grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
                if grade_id is not None and grade_id not in sources:
                    self.log.warning(
                        "Cell %r is not part of this assignment (renamed, or pasted "
                        "from another notebook); it is graded as a plain cell and "
                        "earns no points.",
                        grade_id,
                    )
                    add_flag(nb, "tests changed", f"foreign {grade_id}")
                    del cell.metadata["nbgrader"]
            present = {
                cell.metadata["nbgrader"]["grade_id"]
                for cell in nb.cells
                if "nbgrader" in cell.metadata
            }
            for name, grade_cell in tests.items():
                if name in present:
                    continue
                self.log.warning(
                    "Test cell %r was deleted from the submission; its part scores 0.",
                    name,
                )
                add_flag(nb, "tests changed", f"deleted {name}")
                position = self._position(nb, order, name)
                nb.cells.insert(position, self._placeholder(sources[name], grade_cell))
                present.add(name)
        return nb, resources

    @staticmethod
    def _position(nb, order, name) -> int:
        """Just after the nearest cell that comes before it in the assignment."""
        earlier = set(order[: order.index(name)])
        for index in range(len(nb.cells) - 1, -1, -1):
            grade_id = nb.cells[index].metadata.get("nbgrader", {}).get("grade_id")
            if grade_id in earlier:
                return index + 1
        return 0 if not earlier else len(nb.cells)

    @staticmethod
    def _placeholder(source_cell, grade_cell) -> NotebookNode:
        return NotebookNode(
            cell_type="code",
            execution_count=None,
            id=f"restored-{source_cell.name}"[:64],
            outputs=[],
            source=source_cell.source,
            metadata=NotebookNode(
                editable=False,
                deletable=False,
                nbgrader=NotebookNode(
                    grade=True,
                    grade_id=source_cell.name,
                    locked=True,
                    points=grade_cell.max_score,
                    schema_version=3,
                    solution=False,
                    task=False,
                    checksum=source_cell.checksum,
                ),
                **{SKIP_KEY: "This test cell was deleted from the submission."},
            ),
        )


class RestoreTests(OverwriteCells):
    """nbgrader's OverwriteCells, without a false alarm for honest submissions.

    Learners get test cells without their hidden tests, so nbgrader's checksum
    check fails for every one of them. Here a read-only cell counts as changed
    only if it differs from what the learner was given; it is then restored, as
    nbgrader does, and the submission is flagged.
    """

    def preprocess(self, nb, resources):
        self.nb = nb
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, cell_index):
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id is not None and utils.is_locked(cell):
            source_cell = self.gradebook.find_source_cell(
                grade_id, self.notebook_id, self.assignment_id
            )
            if cell.source == released_source(source_cell.source):
                cell.source = source_cell.source
        return super().preprocess_cell(cell, resources, cell_index)

    def report_change(self, name, attr, old, new):
        super().report_change(name, attr, old, new)
        add_flag(self.nb, "tests changed", f"edited {name}")


def released_source(source: str) -> str:
    """A cell's source as the learners' release has it (hidden tests removed)."""
    cell = NotebookNode(source=source, metadata=NotebookNode())
    ClearHiddenTests(enforce_metadata=False)._remove_hidden_test_region(cell)
    return cell.source


# ---------------------------------------------------------------------------
# Executing: the submission runs to the end, whatever it holds
# ---------------------------------------------------------------------------


class ExecuteToTheEnd(Execute):
    """nbgrader's Execute, but a dead kernel ends the run, not the submission.

    The cell that killed the kernel and every test cell after it get an error
    output saying so (they score 0; the feedback shows where the run stopped).
    Timeouts and placeholder cells are recorded too.
    """

    def preprocess(self, nb, resources, km=None):
        self.stopped_at = None
        self.graded_nb = nb
        return super().preprocess(nb, resources, km)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        if reason := cell.metadata.pop(SKIP_KEY, None):
            cell.outputs = [error_output("NotRun", f"{reason} This part scores 0.")]
            return cell, resources
        if self.stopped_at is not None:
            cell.outputs = []
            if utils.is_grade(cell):
                cell.outputs = [
                    error_output(
                        "NotRun",
                        f"Not run: the kernel died in cell {self.stopped_at}, "
                        "so this part scores 0.",
                    )
                ]
            return cell, resources
        try:
            return super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self.stopped_at = cell_name(cell, index)
            self.log.warning(
                "The kernel died in cell %s; the cells after it are not run.",
                self.stopped_at,
            )
            add_flag(self.graded_nb, "crashed", f"in cell {self.stopped_at}")
            cell.outputs.append(
                error_output(
                    "KernelDied",
                    "The kernel died while running this cell (for example "
                    "os._exit(), a crash, or running out of memory). The cells "
                    "after it were not run.",
                )
            )
            return cell, resources

    async def _async_handle_timeout(self, timeout, cell=None):
        if cell is not None:
            name = cell_name(cell, self.graded_nb.cells.index(cell))
            add_flag(self.graded_nb, "timed out", f"cell {name} after {timeout} s")
        return await super()._async_handle_timeout(timeout, cell)


# ---------------------------------------------------------------------------
# Feedback: each test's result, never the hidden tests' code
# ---------------------------------------------------------------------------


class HideTestCode(ClearHiddenTests):
    """Remove hidden tests from the feedback, and tracebacks from test cells.

    A traceback quotes the failing lines, which may be hidden tests: a test cell's
    error shows only its message (the assertion message written for learners).
    """

    def preprocess_cell(self, cell, resources, cell_index):
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        if utils.is_grade(cell) and not utils.is_solution(cell):
            for output in cell.get("outputs", []):
                if output.output_type == "error":
                    output.traceback = [learner_message(output)]
        return cell, resources


def learner_message(output: NotebookNode) -> str:
    return f"{output.ename}: {output.evalue}" if output.evalue else output.ename
