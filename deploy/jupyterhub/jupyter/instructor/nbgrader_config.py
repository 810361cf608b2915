"""nbgrader settings for instructors on the hub: grade in their copy of the course.

Formgrader reads the configuration of the folder the server started in (the home
folder), so the course's own nbgrader_config.py (sources in solutions/, releases in
exercises/, the grading safeguards) is loaded from the course copy here.
"""

import os
from pathlib import Path

c = get_config()  # noqa: F821 - provided by nbgrader

course = Path(os.environ["COURSE_DIRECTORY"])
c.CourseDirectory.root = str(course)
load_subconfig(str(course / "nbgrader_config.py"))  # noqa: F821 - provided by traitlets
# The hub's settings win over any the course's file holds.
c.CourseDirectory.course_id = os.environ["COURSE_ID"]
c.Exchange.root = os.environ["COURSE_EXCHANGE_ROOT"]
