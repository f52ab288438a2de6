"""Actions after a petition is heard: answer, commit, assign, report, accept or return.

At a conference the chair answers, commits and assigns; outside one the head does it in
writing. The unit leader reports only on what was assigned to their unit.
"""

import datetime

import rules
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.log import record
from doithoai.audit.models import Verb
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
from doithoai.core.errors import InvalidTransition, PermissionRefused, ValidationFailed
from doithoai.deadlines import actions as deadlines
from doithoai.organizations.access import membership
from doithoai.petitions.models import TRANSITIONS, Petition, Status

from .models import (
    ASSIGNMENT_TRANSITIONS,
    Answer,
    AnswerMode,
    Assignment,
    AssignmentStatus,
    Commitment,
    CommitmentForm,
    ResolutionAttachment,
)


def _lock(petition: Petition) -> Petition:
    return (
        Petition.objects.select_for_update(of=("self",))
        .select_related("conference")
        .get(pk=petition.pk)
    )


def _at_conference(petition: Petition, by, permission: str):
    """Return the open conference the petition is heard at, checking the chair; else None."""
    conference = petition.conference
    if petition.status == Status.SCHEDULED:
        if conference is None or conference.status != ConferenceStatus.IN_PROGRESS:
            raise InvalidTransition(
                _("Kiến nghị chờ đối thoại tại hội nghị; hội nghị chưa diễn ra."), field="status"
            )
        if not is_effective_chair(by, conference):
            raise PermissionRefused(_("Chỉ người chủ trì hội nghị được thực hiện."))
        return conference
    require(permission, by, petition)
    return None


@transaction.atomic
def answer_petition(*, petition: Petition, text: str, by, answerer=None) -> Answer:
    """Answer a petition: at its conference (by the chair or a leader the chair designates),
    or in writing by the head."""
    petition = _lock(petition)
    conference = _at_conference(petition, by, "followups.answer_petition")
    text = require_text(text, "text", _("nội dung trả lời"), max_length=50000)
    if petition.status in (Status.ASSIGNED, Status.RESOLUTION_REPORTED):
        raise InvalidTransition(
            _(
                "Kiến nghị đang ở trạng thái “%(s)s”; trả lời khi chấp nhận kết quả xử lý của đơn vị."
            )
            % {"s": petition.get_status_display()},
            field="status",
        )
    if answerer is not None:
        if conference is None:
            raise ValidationFailed(_("Chỉ phân công giải đáp tại hội nghị."), field="answerer")
        if membership(answerer, petition.agency) is None:
            raise ValidationFailed(_("Người giải đáp không thuộc cơ quan."), field="answerer")
    before = snapshot(petition, "status")
    move(petition, Status.ANSWERED, TRANSITIONS)
    petition.save()
    answer = _give_answer(
        petition,
        text=text,
        by=by,
        answered_by=answerer or by,
        mode=AnswerMode.AT_CONFERENCE if conference else AnswerMode.WRITTEN,
        conference=conference,
    )
    if conference is not None:
        conference.agenda.filter(petition=petition).update(
            status=AgendaStatus.SETTLED, answerer=answerer or by
        )
    record(
        Verb.ANSWER_GIVEN,
        answer,
        by=by,
        petition=petition,
        conference=conference,
        before=before,
        after={"status": petition.status, "mode": answer.mode, "text": text[:500]},
    )
    return answer


def _give_answer(petition, *, text, by, answered_by, mode, conference) -> Answer:
    """Store an answer and what follows from it: commitments kept, merged petitions given
    the same answer, and the clock for publishing it to staff started."""
    answer = Answer.objects.create(
        agency=petition.agency,
        petition=petition,
        conference=conference,
        answered_by=answered_by,
        mode=mode,
        text=text,
        answered_on=today(),
    )
    petition.commitments.filter(kept_on__isnull=True).update(kept_on=today())
    deadlines.complete_deadlines(subject=petition, kind="commitment", by=by)
    _complete_for_merged(petition, answer, by)
    _open_publication(answer, by)
    return answer


def _open_publication(answer: Answer, by) -> None:
    """Start the clock for publishing an answer to staff (Law 10/2022 Art. 47–48)."""
    deadlines.open_deadline(
        kind="publication",
        subject=answer,
        agency=answer.agency,
        start=answer.answered_on,
        by=by,
        petition=answer.petition,
        conference=answer.conference,
    )


def _complete_for_merged(petition: Petition, answer: Answer, by) -> None:
    """Give the petitions merged into this one the same answer, so none is left unanswered."""
    for merged in petition.merged_petitions.all():
        copy = Answer.objects.create(
            agency=petition.agency,
            petition=merged,
            conference=answer.conference,
            answered_by=answer.answered_by,
            mode=answer.mode,
            text=answer.text,
            answered_on=answer.answered_on,
        )
        record(
            Verb.ANSWER_GIVEN,
            copy,
            by=by,
            petition=merged,
            after={"copied_from": petition.code, "mode": copy.mode},
        )


@transaction.atomic
def commit_answer(
    *, petition: Petition, promised_on: datetime.date, form: str, by, note: str = ""
) -> Commitment:
    """Commit a time and a form of answer for an item the conference could not settle."""
    petition = _lock(petition)
    conference = _at_conference(petition, by, "followups.answer_petition")
    if conference is None:
        raise InvalidTransition(
            _(
                "Cam kết thời hạn trả lời được thực hiện tại hội nghị; kiến nghị đang ở trạng thái “%(s)s”."
            )
            % {"s": petition.get_status_display()},
            field="status",
        )
    if form not in CommitmentForm.values:
        raise ValidationFailed(_("Chọn hình thức trả lời."), field="form")
    if promised_on is None or promised_on <= today():
        raise ValidationFailed(_("Hạn trả lời phải sau hôm nay."), field="promised_on")
    before = snapshot(petition, "status")
    move(petition, Status.COMMITTED, TRANSITIONS)
    petition.save()
    commitment = Commitment.objects.create(
        agency=petition.agency,
        petition=petition,
        conference=conference,
        committed_by=by,
        promised_on=promised_on,
        form=form,
        note=note.strip(),
    )
    conference.agenda.filter(petition=petition).update(status=AgendaStatus.COMMITTED)
    deadlines.open_deadline(
        kind="commitment",
        subject=petition,
        agency=petition.agency,
        start=today(),
        by=by,
        petition=petition,
        conference=conference,
        responsible_user=conference.chair,
        fixed_due=promised_on,
    )
    record(
        Verb.COMMITMENT_MADE,
        commitment,
        by=by,
        petition=petition,
        conference=conference,
        before=before,
        after={"status": petition.status, "promised_on": promised_on, "form": form},
    )
    return commitment


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
    move(petition, Status.ASSIGNED, TRANSITIONS)
    petition.save()
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
        conference.agenda.filter(petition=petition).update(status=AgendaStatus.ASSIGNED)
    _start_clock_if_notice_issued(assignment, by)
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
    deadline = deadlines.open_deadline(
        kind="resolution",
        subject=assignment,
        agency=assignment.agency,
        start=start,
        by=by,
        petition=assignment.petition,
        conference=conference,
        unit=assignment.unit,
        verification=assignment.needs_verification,
    )
    if deadline is not None:
        assignment.due_date = deadline.due_date
        assignment.save(update_fields=["due_date"])


def _lock_assignment(assignment: Assignment) -> Assignment:
    return Assignment.objects.select_for_update().select_related("petition").get(pk=assignment.pk)


@transaction.atomic
def request_extension(*, assignment: Assignment, reason: str, by) -> Assignment:
    """Move an assignment to the 15-working-day limit because verification is needed."""
    assignment = _lock_assignment(assignment)
    require("followups.extend_assignment", by, assignment)
    reason = require_text(reason, "reason", _("lý do cần xác minh, làm rõ"))
    require_state(assignment, (AssignmentStatus.ASSIGNED, AssignmentStatus.RETURNED))
    if assignment.needs_verification:
        raise InvalidTransition(
            _("Đã áp dụng thời hạn 15 ngày làm việc."), field="needs_verification"
        )
    if assignment.due_date is not None and assignment.due_date < today():
        raise InvalidTransition(_("Đã quá hạn; không gia hạn được."), field="due_date")
    before = snapshot(assignment, "needs_verification", "due_date")
    assignment.needs_verification = True
    assignment.verification_reason = reason
    if assignment.due_date is not None:
        from doithoai.deadlines.models import Deadline

        old = Deadline.objects.filter(
            object_id=assignment.pk, kind="resolution", status="open"
        ).first()
        start = old.start_date if old else today()
        deadlines.cancel_deadlines(subject=assignment, by=by, reason=reason, kind="resolution")
        deadline = deadlines.open_deadline(
            kind="resolution",
            subject=assignment,
            agency=assignment.agency,
            start=start,
            by=by,
            petition=assignment.petition,
            conference=assignment.conference,
            unit=assignment.unit,
            verification=True,
        )
        if deadline is not None:
            assignment.due_date = deadline.due_date
    assignment.save()
    record(
        Verb.ASSIGNMENT_EXTENDED,
        assignment,
        by=by,
        petition=assignment.petition,
        before=before,
        after=snapshot(assignment, "needs_verification", "due_date"),
        reason=reason,
    )
    return assignment


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
    petition = Petition.objects.select_for_update().get(pk=assignment.petition_id)
    move(petition, Status.RESOLUTION_REPORTED, TRANSITIONS)
    petition.save()
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
    record(
        Verb.RESOLUTION_REPORTED,
        assignment,
        by=by,
        petition=petition,
        before=before,
        after={"status": assignment.status, "text": text[:500]},
    )
    return assignment


def _decide(assignment: Assignment, target: str, petition_target: str, by):
    """Move a reported assignment and its petition on; return (before, petition)."""
    before = snapshot(assignment, "status")
    move(assignment, target, ASSIGNMENT_TRANSITIONS)
    assignment.decided_by = by
    assignment.decided_at = timezone.now()
    assignment.save()
    petition = Petition.objects.select_for_update().get(pk=assignment.petition_id)
    move(petition, petition_target, TRANSITIONS)
    petition.save()
    return before, petition


@transaction.atomic
def accept_resolution(*, assignment: Assignment, answer_text: str, by) -> Answer:
    """Accept a unit's resolution and answer the petitioner in writing."""
    assignment = _lock_assignment(assignment)
    require("followups.decide_assignment", by, assignment)
    answer_text = require_text(answer_text, "answer_text", _("nội dung trả lời người kiến nghị"))
    before, petition = _decide(assignment, AssignmentStatus.ACCEPTED, Status.ANSWERED, by)
    answer = _give_answer(
        petition,
        text=answer_text,
        by=by,
        answered_by=by,
        mode=AnswerMode.WRITTEN,
        conference=assignment.conference,
    )
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
    before, petition = _decide(assignment, AssignmentStatus.RETURNED, Status.ASSIGNED, by)
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


@transaction.atomic
def publish_answer(*, answer: Answer, by) -> Answer:
    """Post an answer for all staff to read; it stays posted (at least 20 consecutive days)."""
    answer = Answer.objects.select_for_update().get(pk=answer.pk)
    require("followups.publish_answer", by, answer)
    if answer.published_at is not None:
        raise InvalidTransition(_("Trả lời này đã được công khai."), field="answer")
    answer.published_at = timezone.now()
    answer.save(update_fields=["published_at"])
    deadlines.complete_deadlines(subject=answer, kind="publication", by=by)
    record(
        Verb.ANSWER_PUBLISHED,
        answer,
        by=by,
        petition=answer.petition,
        conference=answer.conference,
        after={"published_at": answer.published_at.isoformat()},
    )
    return answer


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
