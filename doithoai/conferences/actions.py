"""Actions on plans and conferences: plan, delegate the chair, compile, open, minute, close,
draft and issue the conclusion notice."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.log import record
from doithoai.audit.models import Verb
from doithoai.core.actionkit import (
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
from doithoai.organizations.access import has_role, membership, next_number
from doithoai.organizations.models import Agency, Delegation, DelegationKind, Role

from .models import (
    CONFERENCE_TRANSITIONS,
    AgendaStatus,
    CombinedWith,
    ConclusionNotice,
    Conference,
    ConferenceStatus,
    DialoguePlan,
    Kind,
    NoticeStatus,
    SignerAuthority,
    Statement,
)


def document_symbol(number: int, type_code: str, agency: Agency) -> str:
    """Return a Decree 30 number and symbol such as `09/KH-VPUBND`."""
    return f"{number:02d}/{type_code}-{agency.code}"


def allowed_months(kind: str, combined_with: str, year: int) -> list[tuple[int, int]]:
    """Return the (year, month) pairs in which a regular conference may be held (rule 1)."""
    if kind == Kind.MID_YEAR:
        months = [(year, 6)]
        if combined_with == CombinedWith.SIX_MONTH_REVIEW:
            months.append((year, 7))
        return months
    if kind == Kind.YEAR_END:
        months = [(year, 10), (year, 11), (year, 12)]
        if combined_with == CombinedWith.STAFF_CONFERENCE:
            # The annual staff conference may fall in the first quarter of the next year.
            months += [(year + 1, 1), (year + 1, 2), (year + 1, 3)]
        return months
    return []


@transaction.atomic
def create_plan(
    *,
    agency: Agency,
    year: int,
    by,
    signer=None,
    signer_authority: str = "",
    recipients: str | None = None,
) -> DialoguePlan:
    """Start the year's dialogue plan (numbered when issued)."""
    require("conferences.add_plan", by, agency)
    if not 1990 <= int(year) <= 2100:
        raise ValidationFailed(_("Năm không hợp lệ."), field="year")
    if DialoguePlan.objects.filter(agency=agency, year=year).exists():
        raise Conflict(_("Cơ quan đã có kế hoạch năm %(y)s.") % {"y": year}, field="year")
    if signer is not None and membership(signer, agency) is None:
        raise ValidationFailed(_("Người ký không thuộc cơ quan."), field="signer")
    if signer_authority not in SignerAuthority.values:
        raise ValidationFailed(_("Thẩm quyền ký không hợp lệ."), field="signer_authority")
    plan = DialoguePlan(agency=agency, year=year, signer=signer, signer_authority=signer_authority)
    if recipients is not None:
        plan.recipients = recipients
    plan.save()
    record(Verb.PLAN_CREATED, plan, by=by, after=snapshot(plan, "year", "signer"))
    return plan


@transaction.atomic
def issue_plan(
    *, plan: DialoguePlan, issued_on: datetime.date, by, number: int | None = None
) -> DialoguePlan:
    """Give the plan its number, symbol and date of issue."""
    plan = DialoguePlan.objects.select_for_update().get(pk=plan.pk)
    require("conferences.issue_plan", by, plan)
    if plan.is_issued:
        raise InvalidTransition(_("Kế hoạch đã được ban hành."), field="plan")
    if issued_on is None:
        raise ValidationFailed(_("Nhập ngày ban hành."), field="issued_on")
    if number is None:
        number = next_number(plan.agency, "KH", issued_on.year)
    plan.number = number
    plan.symbol = document_symbol(number, "KH", plan.agency)
    plan.issued_on = issued_on
    plan.save()
    # The plan's year carries the two reports to the Provincial People's Committee (rule 8).
    for kind in ("semiannual_report", "annual_report"):
        deadlines.open_deadline(
            kind=kind,
            subject=plan,
            agency=plan.agency,
            start=max(issued_on, datetime.date(plan.year, 1, 1)),
            by=by,
        )
    record(Verb.PLAN_ISSUED, plan, by=by, after=snapshot(plan, "symbol", "issued_on"))
    return plan


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
    record(
        Verb.CONFERENCE_CREATED,
        conference,
        by=by,
        conference=conference,
        after=snapshot(conference, "kind", "combined_with", "starts_at", "place", "chair"),
    )
    return conference


def _lock(conference: Conference) -> Conference:
    return Conference.objects.select_for_update().get(pk=conference.pk)


@transaction.atomic
def cancel_conference(*, conference: Conference, reason: str, by) -> Conference:
    """Cancel a conference that has not opened; its petitions go back to the received list."""
    from doithoai.petitions.models import Petition, Status

    conference = _lock(conference)
    require("conferences.cancel_conference", by, conference)
    reason = require_text(reason, "reason", _("lý do hủy"))
    before = snapshot(conference, "status")
    move(conference, ConferenceStatus.CANCELLED, CONFERENCE_TRANSITIONS)
    conference.save()
    Petition.objects.filter(conference=conference, status=Status.SCHEDULED).update(
        status=Status.RECEIVED, conference=None
    )
    conference.agenda.all().delete()
    deadlines.cancel_deadlines(subject=conference, by=by, reason=reason)
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


@transaction.atomic
def delegate_chair(*, conference: Conference, deputy, reason: str, by) -> Delegation:
    """Let the head delegate chairing a conference to exactly one deputy, with the reason."""
    conference = _lock(conference)
    require("conferences.delegate_chair", by, conference)
    reason = require_text(reason, "reason", _("lý do ủy quyền (bất khả kháng)"))
    require_state(conference, (ConferenceStatus.PLANNED, ConferenceStatus.COMPILED))
    if not has_role(deputy, conference.agency, Role.DEPUTY):
        raise ValidationFailed(_("Chỉ ủy quyền cho một cấp phó của cơ quan."), field="deputy")
    if Delegation.objects.filter(
        kind=DelegationKind.CHAIR, conference=conference, revoked_at__isnull=True
    ).exists():
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
    if conference.status not in (ConferenceStatus.PLANNED, ConferenceStatus.COMPILED):
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
    require_state(conference, (ConferenceStatus.PLANNED, ConferenceStatus.COMPILED))
    if not conference.agenda.exists():
        raise ValidationFailed(_("Chưa có kiến nghị nào trong chương trình."), field="agenda")
    before = snapshot(conference, "status", "compilation_sent_at")
    move(conference, ConferenceStatus.COMPILED, CONFERENCE_TRANSITIONS)
    conference.compilation_sent_at = timezone.now()
    conference.save()
    deadlines.complete_deadlines(subject=conference, kind="compilation", by=by)
    record(
        Verb.COMPILATION_SENT,
        conference,
        by=by,
        conference=conference,
        before=before,
        after={"status": conference.status, "items": conference.agenda.count()},
    )
    return conference


@transaction.atomic
def open_conference(*, conference: Conference, by, attendance: str = "") -> Conference:
    """Open the conference; only its chair may, once the compiled list has been sent."""
    conference = _lock(conference)
    require("conferences.open_conference", by, conference)
    if conference.status == ConferenceStatus.PLANNED:
        raise InvalidTransition(
            _(
                "Hội nghị đang ở trạng thái “%(s)s”: chưa gửi tổng hợp kiến nghị cho người chủ trì, chưa khai mạc được."
            )
            % {"s": conference.get_status_display()},
            field="status",
        )
    before = snapshot(conference, "status")
    move(conference, ConferenceStatus.IN_PROGRESS, CONFERENCE_TRANSITIONS)
    conference.opened_at = timezone.now()
    if attendance.strip():
        conference.attendance = attendance.strip()
    conference.save()
    record(
        Verb.CONFERENCE_OPENED,
        conference,
        by=by,
        conference=conference,
        before=before,
        after={"status": conference.status},
    )
    return conference


@transaction.atomic
def record_statement(
    *, conference: Conference, text: str, by, speaker=None, speaker_name: str = "", petition=None
) -> Statement:
    """Add an entry to the minutes: who spoke, on which petition, what was said."""
    conference = Conference.objects.get(pk=conference.pk)
    require("conferences.record_statement", by, conference)
    require_state(conference, (ConferenceStatus.IN_PROGRESS,))
    text = require_text(text, "text", _("nội dung phát biểu"), max_length=20000)
    if petition is not None:
        same_agency(petition, conference.agency, "petition")
        if not conference.agenda.filter(petition=petition).exists():
            raise ValidationFailed(_("Kiến nghị không có trong chương trình."), field="petition")
    if speaker is not None and membership(speaker, conference.agency) is None:
        raise ValidationFailed(_("Người phát biểu không thuộc cơ quan."), field="speaker")
    if speaker is None and not speaker_name.strip():
        raise ValidationFailed(_("Nhập người phát biểu."), field="speaker_name")
    statement = Statement.objects.create(
        agency=conference.agency,
        conference=conference,
        petition=petition,
        speaker=speaker,
        speaker_name=speaker_name.strip()
        or (speaker.get_full_name() if speaker is not None else ""),
        text=text,
        recorded_by=by,
    )
    if petition is not None:
        conference.agenda.filter(petition=petition, status=AgendaStatus.PENDING).update(
            status=AgendaStatus.OPEN
        )
    record(
        Verb.STATEMENT_RECORDED,
        statement,
        by=by,
        conference=conference,
        petition=petition,
        after={"speaker": statement.speaker_name, "text": text[:500]},
    )
    return statement


@transaction.atomic
def close_conference(*, conference: Conference, conclusion: str, by) -> Conference:
    """Close the conference with the chair's conclusion; every item must have been decided."""
    conference = _lock(conference)
    require("conferences.close_conference", by, conference)
    require_state(conference, (ConferenceStatus.IN_PROGRESS,))
    conclusion = require_text(conclusion, "conclusion", _("kết luận của người chủ trì"))
    undecided = list(
        conference.agenda.filter(status__in=[AgendaStatus.PENDING, AgendaStatus.OPEN])
        .select_related("petition")
        .values_list("petition__code", flat=True)
    )
    if undecided:
        raise InvalidTransition(
            _("Còn kiến nghị chưa giải đáp, chưa cam kết hoặc chưa giao xử lý: %(codes)s.")
            % {"codes": ", ".join(undecided)},
            field="agenda",
        )
    before = snapshot(conference, "status")
    move(conference, ConferenceStatus.CLOSED, CONFERENCE_TRANSITIONS)
    conference.closed_at = timezone.now()
    conference.conclusion = conclusion
    conference.save()
    deadlines.open_deadline(
        kind="notice",
        subject=conference,
        agency=conference.agency,
        start=timezone.localtime(conference.closed_at).date(),
        by=by,
        conference=conference,
    )
    record(
        Verb.CONFERENCE_CLOSED,
        conference,
        by=by,
        conference=conference,
        before=before,
        after={"status": conference.status, "conclusion": conclusion[:500]},
    )
    return conference


@transaction.atomic
def draft_notice(*, conference: Conference, text: str, by) -> ConclusionNotice:
    """Draft (or redraft) the conclusion notice of a closed conference."""
    conference = _lock(conference)
    require("conferences.draft_notice", by, conference)
    require_state(conference, (ConferenceStatus.CLOSED,))
    text = require_text(text, "text", _("nội dung thông báo kết luận"), max_length=50000)
    notice = ConclusionNotice.objects.filter(conference=conference).first()
    if notice is not None and notice.status == NoticeStatus.ISSUED:
        raise InvalidTransition(_("Thông báo kết luận đã ban hành."), field="notice")
    if notice is None:
        notice = ConclusionNotice(agency=conference.agency, conference=conference, drafted_by=by)
    notice.text = text
    notice.drafted_by = by
    notice.save()
    record(Verb.NOTICE_DRAFTED, notice, by=by, conference=conference, after={"text": text[:500]})
    return notice


@transaction.atomic
def issue_notice(
    *,
    conference: Conference,
    by,
    issued_on: datetime.date | None = None,
    signer_authority: str | None = None,
) -> ConclusionNotice:
    """Approve and issue the conclusion notice; the units' resolution clocks start on its date."""
    from doithoai.followups.models import Assignment, AssignmentStatus

    conference = _lock(conference)
    require("conferences.issue_notice", by, conference)
    require_state(conference, (ConferenceStatus.CLOSED,))
    notice = ConclusionNotice.objects.select_for_update().filter(conference=conference).first()
    if notice is None:
        raise InvalidTransition(_("Chưa có dự thảo thông báo kết luận."), field="notice")
    issued_on = issued_on or today()
    if issued_on < conference.date:
        raise ValidationFailed(_("Ngày ban hành không thể trước ngày hội nghị."), field="issued_on")
    if issued_on > today():
        raise ValidationFailed(_("Ngày ban hành không thể ở tương lai."), field="issued_on")
    if signer_authority is None:
        signer_authority = "" if has_role(by, conference.agency, Role.HEAD) else SignerAuthority.KT
    number = next_number(conference.agency, "TB", issued_on.year)
    notice.year = issued_on.year
    notice.number = number
    notice.symbol = document_symbol(number, "TB", conference.agency)
    notice.issued_on = issued_on
    notice.signer = by
    notice.signer_authority = signer_authority
    notice.status = NoticeStatus.ISSUED
    notice.save()
    move(conference, ConferenceStatus.CONCLUDED, CONFERENCE_TRANSITIONS)
    conference.save()
    deadlines.complete_deadlines(subject=conference, kind="notice", by=by, on=issued_on)
    waiting = Assignment.objects.select_for_update().filter(
        conference=conference, status=AssignmentStatus.ASSIGNED, due_date__isnull=True
    )
    for assignment in waiting:
        deadline = deadlines.open_deadline(
            kind="resolution",
            subject=assignment,
            agency=conference.agency,
            start=issued_on,
            by=by,
            petition=assignment.petition,
            conference=conference,
            unit=assignment.unit,
            verification=assignment.needs_verification,
        )
        if deadline is not None:
            assignment.due_date = deadline.due_date
            assignment.save(update_fields=["due_date"])
    deadlines.open_deadline(
        kind="publication",
        subject=notice,
        agency=conference.agency,
        start=issued_on,
        by=by,
        conference=conference,
    )
    record(
        Verb.NOTICE_ISSUED,
        notice,
        by=by,
        conference=conference,
        after={"symbol": notice.symbol, "issued_on": issued_on, "assignments": len(waiting)},
    )
    return notice


@transaction.atomic
def publish_notice(*, notice: ConclusionNotice, by) -> ConclusionNotice:
    """Post an issued conclusion notice for all staff; it stays posted (at least 20 days)."""
    notice = ConclusionNotice.objects.select_for_update().get(pk=notice.pk)
    require("conferences.publish_notice", by, notice)
    if notice.status != NoticeStatus.ISSUED:
        raise InvalidTransition(_("Thông báo kết luận chưa được ban hành."), field="notice")
    if notice.published_at is not None:
        raise InvalidTransition(_("Thông báo kết luận đã được công khai."), field="notice")
    notice.published_at = timezone.now()
    notice.save(update_fields=["published_at"])
    deadlines.complete_deadlines(subject=notice, kind="publication", by=by)
    record(
        Verb.NOTICE_PUBLISHED,
        notice,
        by=by,
        conference=notice.conference,
        after={"published_at": notice.published_at.isoformat(), "symbol": notice.symbol},
    )
    return notice
