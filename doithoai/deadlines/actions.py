"""The deadline actions the other apps call: open, complete, cancel, recompute.

They run inside the caller's transaction (each is atomic, so they nest) and write one
audit event per deadline touched. Opening, completing and cancelling follow from another
action, which has already checked its actor; recomputing is an action of its own, for the
agency's administrator or secretariat, with a reason.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from doithoai.audit.log import record
from doithoai.audit.models import Verb
from doithoai.core import events
from doithoai.core.actionkit import today
from doithoai.core.errors import InvalidTransition, PermissionRefused, ValidationFailed
from doithoai.organizations.access import has_role
from doithoai.organizations.models import Role
from doithoai.workdays.calendar import OutOfRange
from doithoai.workdays.loader import get_calendar

from . import compute
from .models import Deadline, DeadlineRules, Kind, Status

RECOMPUTERS = (Role.ADMIN, Role.SECRETARIAT)


def rules_for(agency) -> DeadlineRules:
    """Return the agency's rule set, creating it with the default limits the first time."""
    rules, _created = DeadlineRules.objects.get_or_create(agency=agency)
    return rules


def _for_subject(subject, kind=None):
    rows = Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
    )
    return rows.filter(kind=kind) if kind else rows


def _snapshot(deadline: Deadline) -> dict:
    return {
        "kind": deadline.kind,
        "status": deadline.status,
        "start_date": deadline.start_date,
        "due_date": deadline.due_date,
        "rule": deadline.rule,
        "completed_on": deadline.completed_on,
        "completed_late": deadline.completed_late,
    }


def _record(verb, deadline, *, by, before=None, reason=""):
    record(
        verb,
        deadline,
        by=by,
        agency=deadline.agency,
        before=before,
        after=_snapshot(deadline),
        reason=reason,
        petition=deadline.petition,
        conference=deadline.conference,
    )


@transaction.atomic
def open_deadline(
    *,
    kind,
    subject,
    agency,
    start: datetime.date,
    by,
    petition=None,
    conference=None,
    unit=None,
    responsible_user=None,
    verification=False,
    fixed_due: datetime.date | None = None,
) -> Deadline:
    """Open the deadline of a step, computing its due date and how it was computed.

    For a compilation `start` is the conference date and the limit counts back from it; for
    a commitment `fixed_due` is the promised date; a resolution needing verification gets
    the longer limit. An open deadline of the same kind and subject is returned unchanged.
    """
    if kind not in Kind.values:
        raise ValidationFailed(_("Loại thời hạn không hợp lệ."), field="kind")
    if subject is None or subject.pk is None:
        raise ValidationFailed(_("Thời hạn phải gắn với một việc đã lưu."), field="subject")
    if kind == Kind.COMMITMENT and fixed_due is None:
        raise ValidationFailed(_("Vui lòng nhập thời gian đã cam kết."), field="fixed_due")
    if fixed_due is not None and fixed_due < start and kind == Kind.COMMITMENT:
        raise ValidationFailed(_("Hạn cam kết không thể trước ngày bắt đầu."), field="fixed_due")
    for related in (unit, petition, conference):
        if related is not None and related.agency_id != agency.pk:
            raise ValidationFailed(_("Dữ liệu thuộc cơ quan khác, không dùng được ở đây."))
    existing = _for_subject(subject, kind).filter(status=Status.OPEN).first()
    if existing is not None:
        return existing
    try:
        computed = compute.compute(
            kind,
            start,
            rules_for(agency),
            get_calendar(),
            verification=verification,
            fixed_due=fixed_due,
        )
    except OutOfRange as exc:
        raise ValidationFailed(str(exc), field="start") from None
    deadline = Deadline.objects.create(
        agency=agency,
        kind=kind,
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        petition=petition,
        conference=conference,
        unit=unit,
        responsible_user=responsible_user,
        start_date=start,
        due_date=computed.due,
        rule=computed.rule[:300],
        days=computed.days,
        day_kind=computed.day_kind,
        computation=computed.computation,
    )
    _record(Verb.DEADLINE_OPENED, deadline, by=by)
    return deadline


@transaction.atomic
def complete_deadlines(*, subject, by, kind=None, on: datetime.date | None = None) -> None:
    """Mark the subject's open deadlines (of `kind`) met on `on`, late if after the due date."""
    on = on or today()
    for deadline in _for_subject(subject, kind).filter(status=Status.OPEN).select_for_update():
        before = _snapshot(deadline)
        deadline.status = Status.MET
        deadline.completed_on = on
        deadline.completed_late = on > deadline.due_date
        deadline.save(update_fields=["status", "completed_on", "completed_late"])
        _record(Verb.DEADLINE_CLOSED, deadline, by=by, before=before)


@transaction.atomic
def cancel_deadlines(*, subject, by, reason: str, kind=None) -> None:
    """Cancel the subject's open deadlines (of `kind`): the step no longer has to happen."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("Vui lòng nêu lý do hủy thời hạn."), field="reason")
    for deadline in _for_subject(subject, kind).filter(status=Status.OPEN).select_for_update():
        before = _snapshot(deadline)
        deadline.status = Status.CANCELLED
        deadline.save(update_fields=["status"])
        _record(Verb.DEADLINE_CLOSED, deadline, by=by, before=before, reason=reason)


@transaction.atomic
def recompute_deadline(deadline: Deadline, *, by, reason: str) -> Deadline:
    """Recount an open deadline on today's calendar, with a reason, and record the change.

    The subject's owner updates its own copy of the due date (an assignment's `due_date`) on
    the event "deadline_recomputed", with its own audit event.
    """
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    if not has_role(by, deadline.agency, *RECOMPUTERS):
        raise PermissionRefused()
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("Vui lòng nêu lý do tính lại thời hạn."), field="reason")
    if deadline.status != Status.OPEN:
        raise InvalidTransition(_("Chỉ tính lại được thời hạn đang chạy."), field="status")
    before = _snapshot(deadline)
    computed = compute.recompute(deadline, get_calendar())
    deadline.due_date = computed.due
    deadline.computation = computed.computation
    deadline.save(update_fields=["due_date", "computation"])
    _record(Verb.DEADLINE_RECOMPUTED, deadline, by=by, before=before, reason=reason)
    # The subject's owner keeps its own copy of the due date (an assignment's), audited there.
    events.publish(
        "deadline_recomputed",
        agency=deadline.agency,
        by=by,
        deadline=deadline,
        before=before["due_date"],
        reason=reason,
    )
    return deadline


def preview_recompute(queryset) -> list[tuple[Deadline, datetime.date, datetime.date]]:
    """Return the open deadlines whose due date the current calendar would move: (deadline,
    stored date, new date). Nothing is saved."""
    cal = get_calendar()
    moves = []
    for deadline in queryset.filter(status=Status.OPEN).order_by("due_date", "id"):
        new = compute.recompute(deadline, cal).due
        if new != deadline.due_date:
            moves.append((deadline, deadline.due_date, new))
    return moves


RULE_FIELDS = (
    "compilation_days_before",
    "notice_working_days",
    "resolution_working_days",
    "resolution_verification_working_days",
    "semiannual_report_month",
    "semiannual_report_day",
    "annual_report_month",
    "annual_report_day",
    "publication_working_days",
    "publication_min_posted_days",
    "observation_days",
    "reminder_working_days_before",
)


@transaction.atomic
def update_rules(*, agency, changes: dict, by) -> DeadlineRules:
    """Change the agency's time limits (its administrator only); later deadlines use them."""
    if not (getattr(by, "is_superuser", False) or has_role(by, agency, Role.ADMIN)):
        raise PermissionRefused()
    rules = DeadlineRules.objects.select_for_update().get(pk=rules_for(agency).pk)
    unknown = set(changes) - set(RULE_FIELDS)
    if unknown:
        raise ValidationFailed(_("Quy định không hợp lệ."), field=sorted(unknown)[0])
    before = {name: getattr(rules, name) for name in changes}
    for name, value in changes.items():
        setattr(rules, name, value)
    try:
        rules.full_clean(exclude=["agency"])
        datetime.date(2024, rules.semiannual_report_month, rules.semiannual_report_day)
        datetime.date(2024, rules.annual_report_month, rules.annual_report_day)
    except ValueError:
        raise ValidationFailed(_("Ngày báo cáo không hợp lệ."), field="annual_report_day") from None
    except ValidationError as exc:
        field = next(iter(getattr(exc, "message_dict", None) or {"": None}))
        raise ValidationFailed(_("Giá trị không hợp lệ."), field=field or None) from None
    rules.save()
    record(
        Verb.RULES_CHANGED,
        rules,
        by=by,
        agency=agency,
        before=before,
        after={name: getattr(rules, name) for name in changes},
    )
    return rules
