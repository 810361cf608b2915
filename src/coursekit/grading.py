"""nbgrader preprocessors that keep a class-wide autograde going.

nbgrader 0.9.6 aborts ``nbgrader autograde <assignment>`` for the *whole class* when
one submission's cell metadata is malformed. The common case is a learner who
copies a test cell: nbgrader's own ``DeduplicateIds`` blanks the copy's metadata to
``{}``, which then fails validation as schema version 0 ("old metadata format"),
an error nbgrader treats as fatal for every remaining student.

``nbgrader_config.py`` puts these two preprocessors in front of the sanitizing
steps. A cell whose nbgrader metadata is invalid or a duplicate is graded as a
plain cell: it earns nothing, the original cells are restored from the gradebook
as usual, and every other submission is graded.
"""

from __future__ import annotations

import jsonschema
from nbgrader import utils
from nbgrader.nbgraderformat import ValidationError
from nbgrader.nbgraderformat.common import SchemaMismatchError
from nbgrader.nbgraderformat.v3 import MetadataValidatorV3
from nbgrader.preprocessors import DeduplicateIds, NbGraderPreprocessor


class DropInvalidMetadata(NbGraderPreprocessor):
    """Turn cells with malformed nbgrader metadata into plain cells."""

    def preprocess_cell(self, cell, resources, cell_index):
        if "nbgrader" not in cell.metadata:
            return cell, resources
        try:
            MetadataValidatorV3().validate_cell(cell)
        except (
            ValidationError,
            SchemaMismatchError,
            jsonschema.ValidationError,
        ) as error:
            self.log.warning(
                "Cell %d has malformed nbgrader metadata (%s); it is graded as a "
                "plain cell and earns no points.",
                cell_index,
                str(error).splitlines()[0],
            )
            del cell.metadata["nbgrader"]
        return cell, resources


class DropDuplicateIds(DeduplicateIds):
    """Like nbgrader's DeduplicateIds, but a copy becomes a plain cell.

    (nbgrader leaves ``{}`` behind, which then fails validation for the class.)
    """

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
            del cell.metadata["nbgrader"]
        else:
            self.grade_ids.add(grade_id)
        return cell, resources
