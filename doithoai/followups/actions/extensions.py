"""The unit's request for the 15-working-day limit (rule 7) and the head's decision on it.

A request moves nothing: it waits for the head, or the deputy who chaired the assignment's
conference under the head's delegation. Only an approval moves the due date, by reopening
the assignment's resolution deadline with the longer limit from the same start.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.log import record
from doithoai.audit.models import Verb
from doithoai.core import events
from doithoai.core.actionkit import allowed, move, require, require_state, require_text, today
from doithoai.core.errors import Conflict, InvalidTransition
from doithoai.deadlines import actions as deadlines
from doithoai.deadlines.display import stored

from ..models import (
    EXTENSION_TRANSITIONS,
    Assignment,
    AssignmentStatus,
    ExtensionRequest,
    ExtensionStatus,
)
from ._base import _lock_assignment, start_resolution_clock

EXTENDABLE = (AssignmentStatus.ASSIGNED, AssignmentStatus.RETURNED)


def _lock_extension(extension: ExtensionRequest) -> ExtensionRequest:
    return ExtensionRequest.objects.select_for_update().get(pk=extension.pk)


def _request_state(extension: ExtensionRequest) -> dict:
    return {
        "status": extension.status,
        "assignment": extension.assignment_id,
        "decided_by": extension.decided_by_id,
    }


def can_request_extension(user, assignment: Assignment) -> bool:
    """Tell whether `user` may ask for the 15-day limit on `assignment` now."""
    return (
        allowed(user, "followups.extend_assignment", assignment, EXTENDABLE)
        and not assignment.needs_verification
        and not assignment.extension_requests.filter(status=ExtensionStatus.PENDING).exists()
    )


def can_decide_extension(user, extension: ExtensionRequest) -> bool:
    """Tell whether `user` may approve or refuse `extension` now."""
    return allowed(user, "followups.decide_extension", extension, (ExtensionStatus.PENDING,)) and (
        extension.assignment.status in EXTENDABLE
    )


@transaction.atomic
def request_extension(*, assignment: Assignment, reason: str, by) -> ExtensionRequest:
    """Ask the head for the 15-working-day limit because verification is needed."""
    assignment = _lock_assignment(assignment)
    require("followups.extend_assignment", by, assignment)
    reason = require_text(reason, "reason", _("lý do cần xác minh, làm rõ"), max_length=5000)
    require_state(assignment, EXTENDABLE)
    if assignment.needs_verification:
        raise InvalidTransition(
            _("Đã áp dụng thời hạn 15 ngày làm việc."), field="needs_verification"
        )
    if assignment.due_date is not None and assignment.due_date < today():
        raise InvalidTransition(_("Đã quá hạn; không gia hạn được."), field="due_date")
    if assignment.extension_requests.filter(status=ExtensionStatus.PENDING).exists():
        raise Conflict(
            _("Đơn vị đã gửi đề nghị thời hạn 15 ngày; đề nghị đang chờ lãnh đạo quyết định."),
            field="reason",
        )
    extension = ExtensionRequest.objects.create(
        agency=assignment.agency, assignment=assignment, reason=reason, requested_by=by
    )
    events.publish("extension_requested", agency=assignment.agency, by=by, assignment=assignment)
    record(
        Verb.EXTENSION_REQUESTED,
        extension,
        by=by,
        petition=assignment.petition,
        conference=assignment.conference,
        after=_request_state(extension),
        reason=reason,
    )
    return extension


def _decide(extension: ExtensionRequest, target: str, by) -> tuple[ExtensionRequest, dict]:
    """Lock, check and move a pending request to `target`; return it and its state before."""
    extension = _lock_extension(extension)
    require("followups.decide_extension", by, extension)
    before = _request_state(extension)
    move(extension, target, EXTENSION_TRANSITIONS)
    extension.decided_by = by
    extension.decided_at = timezone.now()
    return extension, before


@transaction.atomic
def approve_extension(*, extension: ExtensionRequest, by, note: str = "") -> ExtensionRequest:
    """Approve the 15-working-day limit: reopen the resolution deadline with it, same start."""
    extension, before = _decide(extension, ExtensionStatus.APPROVED, by)
    assignment = _lock_assignment(extension.assignment)
    require_state(assignment, EXTENDABLE)
    extension.decision_reason = (note or "").strip()[:5000]
    extension.save()
    moved_before = {"needs_verification": False, "due_date": assignment.due_date}
    assignment.needs_verification = True
    assignment.verification_reason = extension.reason
    old = stored(assignment, "resolution")
    if old is not None and old.status == "open":
        deadlines.cancel_deadlines(
            subject=assignment, by=by, reason=extension.reason, kind="resolution"
        )
        start_resolution_clock(assignment, start=old.start_date, by=by, verification=True)
    # Without a running clock (the notice is not issued yet) the clock starts with 15 days.
    assignment.save(update_fields=["needs_verification", "verification_reason", "due_date"])
    _record_decision(Verb.EXTENSION_APPROVED, extension, assignment, before, by)
    record(
        Verb.ASSIGNMENT_EXTENDED,
        assignment,
        by=by,
        petition=assignment.petition,
        conference=assignment.conference,
        before=moved_before,
        after={"needs_verification": True, "due_date": assignment.due_date},
        reason=extension.reason,
    )
    events.publish("extension_applied", agency=assignment.agency, by=by, assignment=assignment)
    return extension


def _record_decision(verb, extension, assignment, before, by) -> None:
    """Audit the head's decision on the request, with its reason."""
    record(
        verb,
        extension,
        by=by,
        petition=assignment.petition,
        conference=assignment.conference,
        before=before,
        after=_request_state(extension),
        reason=extension.decision_reason,
    )


@transaction.atomic
def refuse_extension(*, extension: ExtensionRequest, reason: str, by) -> ExtensionRequest:
    """Refuse the 15-working-day limit with the reason; the due date stays."""
    extension, before = _decide(extension, ExtensionStatus.REFUSED, by)
    extension.decision_reason = require_text(
        reason, "reason", _("lý do không đồng ý"), max_length=5000
    )
    extension.save()
    assignment = extension.assignment
    _record_decision(Verb.EXTENSION_REFUSED, extension, assignment, before, by)
    events.publish(
        "extension_refused",
        agency=assignment.agency,
        by=by,
        assignment=assignment,
        extension=extension,
    )
    return extension
