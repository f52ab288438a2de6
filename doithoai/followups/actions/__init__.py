"""Actions after a petition is heard: answer, commit, assign, report, accept or return.

At a conference the chair answers, commits and assigns; outside one the head does it in
writing. The unit leader reports only on what was assigned to their unit and may ask for
the 15-day limit, which the head approves or refuses. One function per
action, split by topic; every action is re-exported here."""

from .answers import (
    answer_petition,
    commit_answer,
    publish_answer,
)
from .assignments import (
    URGEABLE,
    assign_petition,
    report_resolution,
    urge_assignment,
)
from .decisions import (
    accept_resolution,
    return_resolution,
)
from .extensions import (
    approve_extension,
    can_decide_extension,
    can_request_extension,
    refuse_extension,
    request_extension,
)

__all__ = [
    "URGEABLE",
    "accept_resolution",
    "approve_extension",
    "can_decide_extension",
    "can_request_extension",
    "refuse_extension",
    "answer_petition",
    "assign_petition",
    "commit_answer",
    "publish_answer",
    "report_resolution",
    "request_extension",
    "return_resolution",
    "urge_assignment",
]
