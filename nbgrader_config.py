"""nbgrader configuration for the course.

Instructors author exercises in solutions/ (nbgrader's source) and release them to
exercises/ (nbgrader's release), which is committed for learners.
"""

from nbgrader.preprocessors import (
    CheckCellMetadata,
    ClearOutput,
    OverwriteCells,
    OverwriteKernelspec,
)

from coursekit.grading import DropDuplicateIds, DropInvalidMetadata

c = get_config()  # noqa: F821 - provided by nbgrader

c.CourseDirectory.course_id = "flask-django-bookmarks"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
# Each assignment's folder holds one notebook named like the assignment.
c.CourseDirectory.notebook_id = "*"

# Honest cells finish in well under a second; an infinite loop is interrupted
# after this many seconds and its cell scores zero.
c.Execute.timeout = 15
c.Execute.interrupt_on_timeout = True
# A submission that kills its kernel is not retried: what did not run scores zero.
c.Execute.execute_retries = 0
# Once the last cell has run, its results are saved: stop the kernel at once
# instead of waiting for a graceful exit (about 3 s of each submission's time).
c.Execute.shutdown_kernel = "immediate"

c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# One malformed submission (e.g. a copied test cell) must not stop the grading of
# the rest of the class: see coursekit/grading.py.
c.Autograde.sanitize_preprocessors = [
    ClearOutput,
    DropInvalidMetadata,
    DropDuplicateIds,
    OverwriteKernelspec,
    OverwriteCells,
    CheckCellMetadata,
]
