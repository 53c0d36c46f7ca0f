"""An assignment's limits (core.assignments has the templates and the checks).

A module of its own, without classes, because the models import it at every start of Django
(assignments.Assignment's field lengths): core.assignments's dataclass and its templates would
be built for every command, `mutuals today` included, which never uses them.
"""

from __future__ import annotations

MAX_TITLE = 200
MAX_DETAILS = 2000
MAX_NOTE = 1000
