"""How the follow-up app extends the apps below it: their registries and their events."""

from django.db.models import Exists, OuterRef, Q

from doithoai.conferences.models import ConferenceStatus
from doithoai.core import events as core_events

from .actions._base import start_resolution_clock
from .models import Assignment, AssignmentStatus


def assigned_to_unit(unit_id) -> Q:
    """Petitions assigned to the unit (`petitions.visibility.link_unit`)."""
    return Q(Exists(Assignment.objects.filter(petition=OuterRef("pk"), unit_id=unit_id)))


def on_notice_issued(*, by, notice, conference, **_) -> int:
    """Start the resolution clock of every assignment waiting for the notice (rule 7).

    Return how many clocks started, for the notice's audit record.
    """
    waiting = list(
        Assignment.objects.select_for_update(of=("self",))
        .select_related("petition", "unit", "agency", "conference")
        .filter(conference=conference, status=AssignmentStatus.ASSIGNED, due_date__isnull=True)
    )
    for assignment in waiting:
        deadline = start_resolution_clock(assignment, start=notice.issued_on, by=by)
        if deadline is not None:
            # The unit was told of the assignment before its clock ran ("hạn —"): now the
            # date is known, tell it, read from the stored deadline.
            core_events.publish(
                "resolution_clock_started", agency=conference.agency, by=by, assignment=assignment
            )
    return len(waiting)


def on_deadline_recomputed(*, by, deadline, reason, **_) -> None:
    """Move an assignment's copy of its due date when its deadline was recounted, audited."""
    from django.contrib.contenttypes.models import ContentType

    from doithoai.audit.log import record
    from doithoai.audit.models import Verb

    if deadline.content_type_id != ContentType.objects.get_for_model(Assignment).pk:
        return None
    assignment = Assignment.objects.select_for_update().get(pk=deadline.object_id)
    if assignment.due_date == deadline.due_date:
        return None
    before = {"due_date": assignment.due_date}
    assignment.due_date = deadline.due_date
    assignment.save(update_fields=["due_date"])
    record(
        Verb.ASSIGNMENT_DUE_MOVED,
        assignment,
        by=by,
        petition=assignment.petition,
        conference=assignment.conference,
        before=before,
        after={"due_date": assignment.due_date},
        reason=reason,
    )
    return None


def conference_assignments(conference, user) -> dict:
    """Show a closed conference's assignments in its workspace (`conferences.views`)."""
    if conference.status in (ConferenceStatus.CLOSED, ConferenceStatus.CONCLUDED):
        return {
            "assignments": list(
                Assignment.objects.filter(conference=conference)
                .select_related("unit", "petition")
                .order_by("due_date", "id")
            )
        }
    return {"assignments": []}


def minutes_parts(conference) -> dict:
    """Give the minutes what was answered, committed and assigned at the conference, per
    petition (`conferences.minutes`); written answers given later are not part of them."""
    from .models import Answer, AnswerMode, Commitment, CommitmentForm

    def name(user):
        return user.get_full_name() or user.get_username()

    parts: dict = {}
    answers = (
        Answer.objects.filter(conference=conference, mode=AnswerMode.AT_CONFERENCE)
        .select_related("answered_by")
        .order_by("created_at", "pk")
    )
    for a in answers:
        parts.setdefault(a.petition_id, {}).setdefault("answers", []).append(
            {"by": name(a.answered_by), "text": a.text}
        )
    for c in Commitment.objects.filter(conference=conference).order_by("created_at", "pk"):
        parts.setdefault(c.petition_id, {}).setdefault("commitments", []).append(
            {
                "form": c.form,
                "form_label": str(CommitmentForm(c.form).label),
                "promised_on": c.promised_on.isoformat(),
                "note": c.note,
            }
        )
    assignments = (
        Assignment.objects.filter(conference=conference)
        .select_related("unit")
        .order_by("created_at", "pk")
    )
    for a in assignments:
        parts.setdefault(a.petition_id, {}).setdefault("assignments", []).append(
            {
                "unit": a.unit.name,
                "instructions": a.instructions,
                "needs_verification": a.needs_verification,
                "verification_reason": a.verification_reason,
                "due_date": a.due_date.isoformat() if a.due_date else None,
            }
        )
    return parts


def on_agency_merged(*, agency, successor, **_):
    """Carry the answers, commitments and assignments of the petitions carried over.

    Runs after the petitions app moved the open petitions (it is installed earlier, so its
    subscriber runs first); what belongs to a petition left with the old agency stays.
    """
    from .models import Answer, Commitment, ResolutionAttachment

    moved = {"petition__agency": successor, "agency": agency}
    Answer.objects.filter(**moved).update(agency=successor)
    Commitment.objects.filter(**moved).update(agency=successor)
    assignments = list(Assignment.objects.filter(**moved).values_list("pk", flat=True))
    ResolutionAttachment.objects.filter(assignment_id__in=assignments).update(agency=successor)
    Assignment.objects.filter(pk__in=assignments).update(agency=successor)
    open_ = Assignment.objects.filter(pk__in=assignments).exclude(status=AssignmentStatus.ACCEPTED)
    return {"assignments": open_.count()}
