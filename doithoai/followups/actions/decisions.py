"""The head's decision on a unit's report: accept it and answer the petitioner, or return it."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.log import record
from doithoai.audit.models import Verb
from doithoai.core import events
from doithoai.core.actionkit import (
    move,
    require,
    require_text,
    snapshot,
)
from doithoai.petitions.actions import advance_petition
from doithoai.petitions.models import Status

from ..models import (
    ASSIGNMENT_TRANSITIONS,
    Answer,
    AnswerMode,
    Assignment,
    AssignmentStatus,
)
from ._base import _lock_assignment
from .answers import _give_answer


def _decide(assignment: Assignment, target: str, petition_target: str, cause: str, by):
    """Move a reported assignment on, and its petition through the petitions app; return
    (before, petition)."""
    before = snapshot(assignment, "status")
    move(assignment, target, ASSIGNMENT_TRANSITIONS)
    assignment.decided_by = by
    assignment.decided_at = timezone.now()
    assignment.save()
    petition = advance_petition(
        petition=assignment.petition, to=petition_target, cause=cause, by=by
    )
    return before, petition


@transaction.atomic
def accept_resolution(*, assignment: Assignment, answer_text: str, by) -> Answer:
    """Accept a unit's resolution and answer the petitioner in writing."""
    assignment = _lock_assignment(assignment)
    require("followups.decide_assignment", by, assignment)
    answer_text = require_text(answer_text, "answer_text", _("nội dung trả lời người kiến nghị"))
    before, petition = _decide(
        assignment, AssignmentStatus.ACCEPTED, Status.ANSWERED, Verb.RESOLUTION_ACCEPTED, by
    )
    answer = _give_answer(
        petition,
        text=answer_text,
        by=by,
        answered_by=by,
        mode=AnswerMode.WRITTEN,
        conference=assignment.conference,
    )
    events.publish("resolution_accepted", agency=assignment.agency, by=by, assignment=assignment)
    record(
        Verb.RESOLUTION_ACCEPTED,
        assignment,
        by=by,
        petition=petition,
        before=before,
        after={"status": assignment.status, "answer": answer_text[:500]},
    )
    return answer


@transaction.atomic
def return_resolution(*, assignment: Assignment, note: str, by) -> Assignment:
    """Send a unit's resolution back for more work, with what is missing."""
    assignment = _lock_assignment(assignment)
    require("followups.decide_assignment", by, assignment)
    note = require_text(note, "note", _("ý kiến chỉ đạo"))
    assignment.decision_note = note
    before, petition = _decide(
        assignment, AssignmentStatus.RETURNED, Status.ASSIGNED, Verb.RESOLUTION_RETURNED, by
    )
    events.publish("resolution_returned", agency=assignment.agency, by=by, assignment=assignment)
    record(
        Verb.RESOLUTION_RETURNED,
        assignment,
        by=by,
        petition=petition,
        before=before,
        after={"status": assignment.status},
        reason=note,
    )
    return assignment
