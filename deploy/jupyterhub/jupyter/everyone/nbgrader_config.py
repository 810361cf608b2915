"""nbgrader settings for every user of the hub: which course, where its exchange is.

The hub passes the instructor settings as environment variables (see
../../jupyterhub_config.py), the same names the course's own nbgrader_config.py reads.
"""

import os

c = get_config()  # noqa: F821 - provided by nbgrader

c.CourseDirectory.course_id = os.environ["COURSE_ID"]
c.Exchange.root = os.environ["COURSE_EXCHANGE_ROOT"]
if "COURSE_TIMEZONE" in os.environ:
    c.Exchange.timezone = os.environ["COURSE_TIMEZONE"]
