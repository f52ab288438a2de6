"""Assignments to units: assign (rule 7), the unit's report, urging (the 15-day limit is in
extensions.py)."""

import rules
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.log import record
from doithoai.audit.models import Verb
from doithoai.conferences.actions.agenda import move_agenda_item
from doithoai.conferences.models import AgendaStatus, ConferenceStatus, NoticeStatus
from doithoai.conferences.rules import is_effective_chair
from doithoai.core import events
from doithoai.core.actionkit import (
    move,
    require,
    require_state,
    require_text,
    same_agency,
    snapshot,
    today,
)
from doithoai.core.attachments import check_upload
from doithoai.core.errors import PermissionRefused
from doithoai.deadlines import actions as deadlines
from doithoai.petitions.actions import advance_petition
from doithoai.petitions.models import Petition, Status

from ..models import (
    ASSIGNMENT_TRANSITIONS,
    Assignment,
    AssignmentStatus,
    ResolutionAttachment,
)
from ._base import _at_conference, _lock, _lock_assignment, start_resolution_clock


@transaction.atomic
def assign_petition(
    *,
    petition: Petition,
    unit,
    by,
    instructions: str = "",
    needs_verification: bool = False,
    verification_reason: str = "",
) -> Assignment:
    """Hand a petition to a unit to resolve within 7 (at most 15) working days of the notice."""
    petition = _lock(petition)
    if petition.status == Status.COMMITTED:
        conference = petition.conference
        allowed = (conference is not None and is_effective_chair(by, conference)) or (
            rules.has_perm("followups.assign_petition", by, petition)
        )
        if not allowed:
            raise PermissionRefused()
        if conference is not None and conference.status != ConferenceStatus.IN_PROGRESS:
            conference = None
    else:
        conference = _at_conference(petition, by, "followups.assign_petition")
    # RESOLUTION_REPORTED -> ASSIGNED is return_resolution's edge, not a second assignment.
    require_state(petition, (Status.RECEIVED, Status.SCHEDULED, Status.COMMITTED))
    same_agency(unit, petition.agency, "unit")
    if needs_verification:
        verification_reason = require_text(
            verification_reason, "verification_reason", _("lý do cần xác minh, làm rõ")
        )
    before = snapshot(petition, "status")
    advance_petition(petition=petition, to=Status.ASSIGNED, cause=Verb.ASSIGNMENT_MADE, by=by)
    assignment = Assignment.objects.create(
        agency=petition.agency,
        petition=petition,
        conference=conference or petition.conference,
        unit=unit,
        assigned_by=by,
        instructions=instructions.strip(),
        needs_verification=needs_verification,
        verification_reason=verification_reason.strip(),
    )
    if conference is not None:
        move_agenda_item(conference=conference, petition=petition, to=AgendaStatus.ASSIGNED, by=by)
    _start_clock_if_notice_issued(assignment, by)
    events.publish("assignment_made", agency=assignment.agency, by=by, assignment=assignment)
    record(
        Verb.ASSIGNMENT_MADE,
        assignment,
        by=by,
        petition=petition,
        conference=conference,
        before=before,
        after={
            "status": petition.status,
            "unit": unit.pk,
            "needs_verification": needs_verification,
            "due_date": assignment.due_date,
        },
    )
    return assignment


def _start_clock_if_notice_issued(assignment: Assignment, by) -> None:
    """Start the resolution clock now unless it waits for the conference's notice."""
    conference = assignment.conference
    notice = getattr(conference, "notice", None) if conference is not None else None
    if conference is not None and conference.status != ConferenceStatus.CONCLUDED:
        return  # issue_notice starts it on the notice's date
    start = notice.issued_on if notice and notice.status == NoticeStatus.ISSUED else today()
    start = max(start, today())
    start_resolution_clock(assignment, start=start, by=by)


@transaction.atomic
def report_resolution(*, assignment: Assignment, text: str, by, attachments=()) -> Assignment:
    """Report the unit's resolution to the secretariat and the head."""
    assignment = _lock_assignment(assignment)
    require("followups.report_assignment", by, assignment)
    text = require_text(text, "text", _("kết quả xử lý"), max_length=50000)
    files = [(f, check_upload(f)) for f in attachments or ()]
    before = snapshot(assignment, "status")
    move(assignment, AssignmentStatus.REPORTED, ASSIGNMENT_TRANSITIONS)
    assignment.report_text = text
    assignment.reported_by = by
    assignment.reported_at = timezone.now()
    assignment.save()
    petition = advance_petition(
        petition=assignment.petition,
        to=Status.RESOLUTION_REPORTED,
        cause=Verb.RESOLUTION_REPORTED,
        by=by,
    )
    for upload, digest in files:
        ResolutionAttachment.objects.create(
            agency=assignment.agency,
            assignment=assignment,
            file=upload,
            original_name=upload.name[:255],
            size=upload.size,
            sha256=digest,
        )
    deadlines.complete_deadlines(subject=assignment, kind="resolution", by=by)
    events.publish("resolution_reported", agency=assignment.agency, by=by, assignment=assignment)
    record(
        Verb.RESOLUTION_REPORTED,
        assignment,
        by=by,
        petition=petition,
        before=before,
        after={"status": assignment.status, "text": text[:500]},
    )
    return assignment


URGEABLE = (AssignmentStatus.ASSIGNED, AssignmentStatus.RETURNED)


@transaction.atomic
def urge_assignment(*, assignment: Assignment, by, message: str = "") -> Assignment:
    """Urge the unit to report on an assignment; notify its leaders, and record it."""
    from doithoai.organizations.models import Membership, Role

    assignment = _lock_assignment(assignment)
    require("followups.urge_assignment", by, assignment)
    require_state(assignment, URGEABLE)
    message = (message or "").strip()[:2000]
    leaders = [
        m.user
        for m in Membership.objects.filter(
            agency_id=assignment.agency_id,
            unit_id=assignment.unit_id,
            is_active=True,
            roles__role=Role.UNIT_LEADER,
        ).select_related("user")
    ]
    petition = assignment.petition
    title = _("Đôn đốc báo cáo kết quả xử lý kiến nghị %(code)s") % {"code": petition.code}
    events.publish(
        "assignment_urged",
        agency=assignment.agency,
        by=by,
        assignment=assignment,
        recipients=leaders,
        title=title,
        body=message,
    )
    record(
        Verb.ASSIGNMENT_URGED,
        assignment,
        by=by,
        petition=petition,
        conference=assignment.conference,
        after={"unit": assignment.unit_id, "leaders": [u.pk for u in leaders]},
        reason=message,
    )
    return assignment
