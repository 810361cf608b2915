"""nbgrader configuration for the course.

Instructors author exercises in solutions/ (nbgrader's source) and release them to
exercises/ (nbgrader's release), which is committed for learners.

An instructor's own settings (course id, exchange, time zone, due dates, late
penalty) are NOT written here: they come from the git-ignored
instructor_settings.toml (see instructor_settings.example.toml) or from the
COURSE_* environment variables. See docs/instructors.md.
"""

from pathlib import Path

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties,
    ClearOutput,
    GetGrades,
    IgnorePattern,
    LimitOutput,
    OverwriteKernelspec,
    SaveAutoGrades,
)

from coursekit.grading import (
    DropDuplicateIds,
    DropInvalidMetadata,
    ExecuteToTheEnd,
    HideTestCode,
    PerHourPenalty,
    QuickCheckCellMetadata,
    ReconcileCells,
    RestoreTests,
    load_settings,
)

c = get_config()  # noqa: F821 - provided by nbgrader

settings = load_settings(Path(__file__).resolve().parent)
c.CourseDirectory.course_id = settings.course_id
if settings.exchange_root:
    c.Exchange.root = settings.exchange_root
c.Exchange.timezone = settings.timezone
c.AssignLatePenalties.plugin_class = PerHourPenalty
c.PerHourPenalty.points_per_hour = settings.late_penalty_per_hour

c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
# Each assignment's folder holds one notebook named like the assignment.
c.CourseDirectory.notebook_id = "*"

# Honest cells finish in well under a second; an infinite loop is interrupted
# after this many seconds and its cell scores zero.
c.Execute.timeout = 15
c.Execute.interrupt_on_timeout = True
# After a cell's reply, its last outputs may lag on a busy machine (a class
# graded in parallel): wait for them rather than fail the whole notebook after
# nbclient's default 4 s.
c.Execute.iopub_timeout = 15
# A submission that kills its kernel is not retried: what did not run scores zero.
c.Execute.execute_retries = 0
# Once the last cell has run, its results are saved: stop the kernel at once
# instead of waiting for a graceful exit (about 3 s of each submission's time).
c.Execute.shutdown_kernel = "immediate"

c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Every submission ends graded, with feedback, whatever it holds (a copied,
# pasted, renamed or deleted test cell; a dead kernel): see coursekit/grading.py.
c.Autograde.sanitize_preprocessors = [
    ClearOutput,
    DropInvalidMetadata,
    DropDuplicateIds,
    ReconcileCells,
    OverwriteKernelspec,
    RestoreTests,
    QuickCheckCellMetadata,
]
c.Autograde.autograde_preprocessors = [
    ExecuteToTheEnd,
    IgnorePattern,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    QuickCheckCellMetadata,
]
# Feedback shows each test's result and message, never the hidden tests' code.
c.GenerateFeedback.preprocessors = [HideTestCode, GetGrades, CSSHTMLHeaderPreprocessor]
