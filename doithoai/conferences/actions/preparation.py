"""Before the conference: schedule, cancel, delegate the chair (rule 2), send the compiled list
(rule 4)."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.log import record
from doithoai.audit.models import Verb
from doithoai.core import events
from doithoai.core.actionkit import (
    allowed,
    move,
    require,
    require_state,
    require_text,
    same_agency,
    snapshot,
    today,
)
from doithoai.core.errors import Conflict, InvalidTransition, ValidationFailed
from doithoai.deadlines import actions as deadlines
from doithoai.organizations.access import has_role
from doithoai.organizations.models import Agency, Delegation, DelegationKind, Role

from ..models import (
    CONFERENCE_TRANSITIONS,
    CombinedWith,
    Conference,
    ConferenceStatus,
    DialoguePlan,
    Kind,
)
from ._base import _lock
from .plans import allowed_months

#: The states before the conference opens: the agenda, the chair and the date may change.
BEFORE = (ConferenceStatus.PLANNED, ConferenceStatus.COMPILED)


def _active_chair_delegation(conference):
    return Delegation.objects.filter(
        kind=DelegationKind.CHAIR, conference=conference, revoked_at__isnull=True
    )


def can_cancel_conference(user, conference) -> bool:
    """Tell whether `user` may cancel the conference now."""
    return allowed(user, "conferences.cancel_conference", conference, BEFORE)


def can_delegate_chair(user, conference) -> bool:
    """Tell whether `user` may delegate chairing the conference now (none delegated yet)."""
    return (
        allowed(user, "conferences.delegate_chair", conference, BEFORE)
        and not _active_chair_delegation(conference).exists()
    )


def can_revoke_chair_delegation(user, delegation) -> bool:
    """Tell whether `user` may revoke this chair delegation now."""
    return (
        delegation.kind == DelegationKind.CHAIR
        and delegation.revoked_at is None
        and delegation.conference.status in BEFORE
        and allowed(user, "organizations.revoke_delegation", delegation)
    )


def can_send_compilation(user, conference) -> bool:
    """Tell whether `user` may send the compiled list to the chair now."""
    return allowed(user, "conferences.send_compilation", conference, BEFORE)


@transaction.atomic
def plan_conference(
    *,
    agency: Agency,
    kind: str,
    title: str,
    starts_at: datetime.datetime,
    by,
    place: str = "",
    plan: DialoguePlan | None = None,
    combined_with: str = CombinedWith.NONE,
    chair=None,
) -> Conference:
    """Schedule a conference; regular ones follow rule 1 of the seed (June; Q4)."""
    require("conferences.add_conference", by, agency)
    title = require_text(title, "title", _("tên hội nghị"), max_length=250)
    if kind not in Kind.values:
        raise ValidationFailed(_("Loại hội nghị không hợp lệ."), field="kind")
    if combined_with not in CombinedWith.values:
        raise ValidationFailed(_("Hình thức lồng ghép không hợp lệ."), field="combined_with")
    if starts_at is None:
        raise ValidationFailed(_("Nhập thời gian tổ chức."), field="starts_at")
    same_agency(plan, agency, "plan")
    local = timezone.localtime(starts_at) if timezone.is_aware(starts_at) else starts_at
    if kind != Kind.AD_HOC:
        if plan is None:
            raise ValidationFailed(_("Hội nghị định kỳ phải thuộc kế hoạch năm."), field="plan")
        if (local.year, local.month) not in allowed_months(kind, combined_with, plan.year):
            message = (
                _(
                    "Hội nghị thứ nhất tổ chức vào tháng cuối quý II (tháng 6), hoặc lồng ghép hội nghị sơ kết 6 tháng."
                )
                if kind == Kind.MID_YEAR
                else _(
                    "Hội nghị thứ hai tổ chức vào quý IV, hoặc lồng ghép hội nghị công chức, viên chức."
                )
            )
            raise ValidationFailed(message, field="starts_at")
        if plan.conferences.filter(kind=kind).exclude(status=ConferenceStatus.CANCELLED).exists():
            raise Conflict(_("Kế hoạch đã có %(k)s.") % {"k": Kind(kind).label}, field="kind")
    if chair is None:
        from doithoai.organizations.models import Membership

        head_member = (
            Membership.objects.filter(agency=agency, is_active=True, roles__role=Role.HEAD)
            .select_related("user")
            .first()
        )
        if head_member is None:
            raise ValidationFailed(_("Cơ quan chưa có người đứng đầu."), field="chair")
        chair = head_member.user
    elif not has_role(chair, agency, Role.HEAD):
        raise ValidationFailed(
            _("Người chủ trì là người đứng đầu; cấp phó chỉ chủ trì khi được ủy quyền."),
            field="chair",
        )
    try:
        with transaction.atomic():
            conference = Conference.objects.create(
                agency=agency,
                plan=plan,
                kind=kind,
                combined_with=combined_with,
                title=title,
                starts_at=starts_at,
                place=place.strip() or _("Tại %(agency)s") % {"agency": agency.name},
                chair=chair,
            )
    except IntegrityError as exc:
        raise Conflict(_("Kế hoạch đã có hội nghị loại này."), field="kind") from exc
    deadlines.open_deadline(
        kind="compilation",
        subject=conference,
        agency=agency,
        start=conference.date,
        by=by,
        conference=conference,
    )
    events.publish("conference_scheduled", agency=agency, by=by, conference=conference)
    record(
        Verb.CONFERENCE_CREATED,
        conference,
        by=by,
        conference=conference,
        after=snapshot(conference, "kind", "combined_with", "starts_at", "place", "chair"),
    )
    return conference


@transaction.atomic
def cancel_conference(*, conference: Conference, reason: str, by) -> Conference:
    """Cancel a conference that has not opened; each petition goes back to the received list
    through the petitions app's action, with its own audit event."""
    from doithoai.petitions import actions as petitions
    from doithoai.petitions.models import Petition, Status

    conference = _lock(conference)
    require("conferences.cancel_conference", by, conference)
    require_state(conference, BEFORE)
    reason = require_text(reason, "reason", _("lý do hủy"))
    before = snapshot(conference, "status")
    move(conference, ConferenceStatus.CANCELLED, CONFERENCE_TRANSITIONS)
    conference.save()
    returned = Petition.objects.filter(conference=conference, status=Status.SCHEDULED)
    for petition in returned.order_by("pk"):
        petitions.return_to_received(
            petition=petition,
            by=by,
            reason=_("Hội nghị bị hủy: %(r)s") % {"r": reason},
        )
    conference.agenda.all().delete()
    deadlines.cancel_deadlines(subject=conference, by=by, reason=reason)
    events.publish("conference_cancelled", agency=conference.agency, by=by, conference=conference)
    record(
        Verb.CONFERENCE_CANCELLED,
        conference,
        by=by,
        conference=conference,
        before=before,
        after={"status": conference.status},
        reason=reason,
    )
    return conference


def can_reschedule_conference(user, conference) -> bool:
    """Tell whether `user` may move the conference to another day, time or place now."""
    return allowed(user, "conferences.reschedule_conference", conference, BEFORE)


@transaction.atomic
def reschedule_conference(
    *, conference: Conference, starts_at: datetime.datetime, reason: str, by, place: str = ""
) -> Conference:
    """Move a conference not yet opened to a new date, time and place, with the reason.

    The compilation deadline still running is cancelled and opened again from the new date
    (through the deadlines app); the attendees are told through the event
    "conference_rescheduled".
    """
    conference = _lock(conference)
    require("conferences.reschedule_conference", by, conference)
    require_state(conference, BEFORE)
    reason = require_text(reason, "reason", _("lý do đổi lịch"))
    if starts_at is None:
        raise ValidationFailed(_("Nhập thời gian tổ chức mới."), field="starts_at")
    local = timezone.localtime(starts_at) if timezone.is_aware(starts_at) else starts_at
    if local.date() < today():
        raise ValidationFailed(_("Thời gian mới không thể ở quá khứ."), field="starts_at")
    if conference.kind != Kind.AD_HOC and conference.plan is not None:
        months = allowed_months(conference.kind, conference.combined_with, conference.plan.year)
        if (local.year, local.month) not in months:
            raise ValidationFailed(
                _("Thời gian mới nằm ngoài các tháng quy định cho %(k)s.")
                % {"k": conference.get_kind_display()},
                field="starts_at",
            )
    place = place.strip()[:250] or conference.place
    if starts_at == conference.starts_at and place == conference.place:
        raise ValidationFailed(_("Thời gian và địa điểm không thay đổi."), field="starts_at")
    before = snapshot(conference, "starts_at", "place")
    old_date = conference.date
    conference.starts_at = starts_at
    conference.place = place
    conference.save(update_fields=["starts_at", "place"])
    if conference.date != old_date and conference.status == ConferenceStatus.PLANNED:
        deadlines.cancel_deadlines(
            subject=conference,
            kind="compilation",
            by=by,
            reason=_("Đổi lịch: %(r)s") % {"r": reason},
        )
        deadlines.open_deadline(
            kind="compilation",
            subject=conference,
            agency=conference.agency,
            start=conference.date,
            by=by,
            conference=conference,
        )
    record(
        Verb.CONFERENCE_RESCHEDULED,
        conference,
        by=by,
        conference=conference,
        before=before,
        after=snapshot(conference, "starts_at", "place"),
        reason=reason,
    )
    events.publish(
        "conference_rescheduled",
        agency=conference.agency,
        by=by,
        conference=conference,
        before=before,
        reason=reason,
    )
    return conference


@transaction.atomic
def delegate_chair(*, conference: Conference, deputy, reason: str, by) -> Delegation:
    """Let the head delegate chairing a conference to exactly one deputy, with the reason."""
    conference = _lock(conference)
    require("conferences.delegate_chair", by, conference)
    reason = require_text(reason, "reason", _("lý do ủy quyền (bất khả kháng)"))
    require_state(conference, BEFORE)
    if not has_role(deputy, conference.agency, Role.DEPUTY):
        raise ValidationFailed(_("Chỉ ủy quyền cho một cấp phó của cơ quan."), field="deputy")
    if _active_chair_delegation(conference).exists():
        raise Conflict(
            _("Hội nghị đã có một cấp phó được ủy quyền chủ trì; thu hồi trước khi ủy quyền khác."),
            field="deputy",
        )
    delegation = Delegation.objects.create(
        agency=conference.agency,
        kind=DelegationKind.CHAIR,
        grantor=by,
        grantee=deputy,
        conference=conference,
        reason=reason,
        valid_from=min(today(), conference.date),
        valid_until=conference.date,
    )
    before = snapshot(conference, "chair")
    conference.chair = deputy
    conference.save(update_fields=["chair"])
    record(
        Verb.DELEGATION_GRANTED,
        delegation,
        by=by,
        conference=conference,
        before=before,
        after={"kind": delegation.kind, "grantee": deputy.pk, "chair": deputy.pk},
        reason=reason,
    )
    return delegation


@transaction.atomic
def revoke_chair_delegation(*, delegation: Delegation, by, reason: str) -> Delegation:
    """Revoke the chair delegation of a conference not yet opened; the head chairs again."""
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    if delegation.kind != DelegationKind.CHAIR:
        raise ValidationFailed(_("Đây không phải ủy quyền chủ trì."), field="delegation")
    conference = _lock(delegation.conference)
    require("organizations.revoke_delegation", by, delegation)
    reason = require_text(reason, "reason", _("lý do thu hồi"))
    if delegation.revoked_at is not None:
        raise InvalidTransition(_("Ủy quyền này đã bị thu hồi."), field="delegation")
    if conference.status not in BEFORE:
        raise InvalidTransition(
            _("Hội nghị đã diễn ra, không thu hồi được ủy quyền chủ trì."), field="delegation"
        )
    before = snapshot(conference, "chair")
    conference.chair_id = delegation.grantor_id
    conference.save(update_fields=["chair"])
    delegation.revoked_at = timezone.now()
    delegation.revoked_by = by
    delegation.revoke_reason = reason
    delegation.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    record(
        Verb.DELEGATION_REVOKED,
        delegation,
        by=by,
        conference=conference,
        before=before,
        after={"chair": conference.chair_id},
        reason=reason,
    )
    return delegation


@transaction.atomic
def send_compilation(*, conference: Conference, by) -> Conference:
    """Send the compiled list of petitions to the chair (rule 4: at least 5 days before)."""
    conference = _lock(conference)
    require("conferences.send_compilation", by, conference)
    require_state(conference, BEFORE)
    if not conference.agenda.exists():
        raise ValidationFailed(_("Chưa có kiến nghị nào trong chương trình."), field="agenda")
    before = snapshot(conference, "status", "compilation_sent_at")
    move(conference, ConferenceStatus.COMPILED, CONFERENCE_TRANSITIONS)
    conference.compilation_sent_at = timezone.now()
    conference.save()
    deadlines.complete_deadlines(subject=conference, kind="compilation", by=by)
    events.publish("compilation_sent", agency=conference.agency, by=by, conference=conference)
    record(
        Verb.COMPILATION_SENT,
        conference,
        by=by,
        conference=conference,
        before=before,
        after={"status": conference.status, "items": conference.agenda.count()},
    )
    return conference
