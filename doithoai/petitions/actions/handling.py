"""Handling actions: receive and classify, merge, withdraw, reject, transfer, schedule,
support, and the petitioner's feedback."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.log import record
from doithoai.audit.models import Verb
from doithoai.core import events
from doithoai.core.actionkit import (
    move,
    require,
    require_state,
    require_text,
    same_agency,
    snapshot,
)
from doithoai.core.errors import Conflict, InvalidTransition, PermissionRefused, ValidationFailed

from ..models import (
    TRANSITIONS,
    Petition,
    Privacy,
    Status,
    Support,
    Topic,
)
from .intake import hash_receipt


def _lock(petition: Petition) -> Petition:
    return Petition.objects.select_for_update().get(pk=petition.pk)


@transaction.atomic
def receive_petition(
    *, petition: Petition, topic: Topic, by, concerned_unit=None, privacy: str | None = None
) -> Petition:
    """Record and classify a submitted petition (topic, concerned unit, privacy)."""
    petition = _lock(petition)
    require("petitions.receive_petition", by, petition)
    # Only a new petition is received; the table's other ways into RECEIVED (taken off an
    # agenda, reopened after feedback) belong to their own actions.
    require_state(petition, (Status.SUBMITTED,))
    if topic is None:
        raise ValidationFailed(_("Chọn chủ đề để phân loại kiến nghị."), field="topic")
    same_agency(topic, petition.agency, "topic")
    same_agency(concerned_unit, petition.agency, "concerned_unit")
    before = snapshot(petition, "status", "topic", "concerned_unit", "privacy")
    move(petition, Status.RECEIVED, TRANSITIONS)
    if privacy is not None:
        if privacy not in Privacy.values:
            raise ValidationFailed(_("Chế độ danh tính không hợp lệ."), field="privacy")
        if (privacy == Privacy.ANONYMOUS) != (petition.privacy == Privacy.ANONYMOUS):
            raise ValidationFailed(
                _("Không thể chuyển giữa ẩn danh và có danh tính."), field="privacy"
            )
        if petition.privacy == Privacy.CONFIDENTIAL and privacy == Privacy.PUBLIC:
            raise ValidationFailed(
                _("Không được công khai danh tính người đã yêu cầu bảo mật."), field="privacy"
            )
        petition.privacy = privacy
    if topic.confidential_by_default and petition.privacy == Privacy.PUBLIC:
        petition.privacy = Privacy.CONFIDENTIAL
    petition.topic = topic
    if concerned_unit is not None:
        petition.concerned_unit = concerned_unit
    petition.received_by = by
    petition.received_at = timezone.now()
    petition.save()
    events.publish("petition_received", agency=petition.agency, by=by, petition=petition)
    record(
        Verb.PETITION_RECEIVED,
        petition,
        by=by,
        petition=petition,
        before=before,
        after=snapshot(petition, "status", "topic", "concerned_unit", "privacy"),
    )
    return petition


MERGEABLE = {Status.SUBMITTED, Status.RECEIVED, Status.SCHEDULED}


@transaction.atomic
def merge_petitions(*, lead: Petition, duplicates, by, reason: str = "") -> Petition:
    """Group duplicates under a lead petition; the lead keeps every merged one."""
    lead = _lock(lead)
    require("petitions.merge_petition", by, lead)
    ids = {p.pk for p in duplicates}
    if not ids:
        raise ValidationFailed(_("Chọn ít nhất một kiến nghị trùng."), field="duplicates")
    if lead.pk in ids:
        raise ValidationFailed(_("Không thể gộp kiến nghị vào chính nó."), field="duplicates")
    if lead.status not in OPEN_LEAD:
        raise InvalidTransition(
            _("Kiến nghị chính đang ở trạng thái “%(s)s”, không nhận gộp được.")
            % {"s": lead.get_status_display()},
            field="lead",
        )
    rows = list(Petition.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    if len(rows) != len(ids):
        raise ValidationFailed(_("Không tìm thấy kiến nghị cần gộp."), field="duplicates")
    for dup in rows:
        same_agency(dup, lead.agency, "duplicates")
        if (
            dup.status == Status.SCHEDULED
            and dup.conference
            and not dup.conference.takes_agenda_changes
        ):
            raise InvalidTransition(
                _("%(code)s đã được đối thoại, không gộp được.") % {"code": dup.code},
                field="duplicates",
            )
        before = snapshot(dup, "status", "merged_into", "conference")
        move(dup, Status.MERGED, TRANSITIONS)
        dup.merged_into = lead
        if dup.conference_id:
            events.publish("petition_left_agenda", agency=dup.agency, by=by, petition=dup)
        dup.conference = None
        dup.save()
        events.publish("petition_merged", agency=dup.agency, by=by, petition=dup)
        # Petitions already merged into the duplicate follow it to the lead.
        for follower in Petition.objects.select_for_update().filter(merged_into=dup):
            follower.merged_into = lead
            follower.save(update_fields=["merged_into", "updated_at"])
            record(
                Verb.PETITION_MERGED,
                follower,
                by=by,
                petition=follower,
                before={"merged_into": dup.pk},
                after={"merged_into": lead.pk, "lead_code": lead.code},
                reason=reason,
            )
        record(
            Verb.PETITION_MERGED,
            dup,
            by=by,
            petition=dup,
            before=before,
            after={"status": dup.status, "merged_into": lead.pk, "lead_code": lead.code},
            reason=reason,
        )
    record(
        Verb.PETITION_MERGED,
        lead,
        by=by,
        petition=lead,
        after={"merged": sorted(ids)},
        reason=reason,
    )
    return lead


OPEN_LEAD = {Status.SUBMITTED, Status.RECEIVED, Status.SCHEDULED, Status.COMMITTED, Status.ASSIGNED}


@transaction.atomic
def withdraw_petition(*, petition: Petition, by, reason: str = "") -> Petition:
    """Let the submitter withdraw a petition not yet on a conference."""
    petition = _lock(petition)
    require("petitions.withdraw_petition", by, petition)
    before = snapshot(petition, "status")
    move(petition, Status.WITHDRAWN, TRANSITIONS)
    petition.status_reason = reason.strip()
    petition.save()
    record(
        Verb.PETITION_WITHDRAWN,
        petition,
        by=by,
        petition=petition,
        before=before,
        after={"status": petition.status},
        reason=reason,
        actor_confidential=petition.privacy == Privacy.CONFIDENTIAL,
    )
    return petition


@transaction.atomic
def reject_petition(*, petition: Petition, reason: str, by) -> Petition:
    """Refuse a petition that is not within the agency's competence, with the reason."""
    petition = _lock(petition)
    require("petitions.reject_petition", by, petition)
    reason = require_text(reason, "reason", _("lý do từ chối"))
    before = snapshot(petition, "status")
    move(petition, Status.REJECTED, TRANSITIONS)
    petition.status_reason = reason
    petition.save()
    events.publish("petition_rejected", agency=petition.agency, by=by, petition=petition)
    record(
        Verb.PETITION_REJECTED,
        petition,
        by=by,
        petition=petition,
        before=before,
        after={"status": petition.status},
        reason=reason,
    )
    return petition


@transaction.atomic
def transfer_petition(*, petition: Petition, to: str, reason: str, by) -> Petition:
    """Transfer a petition to the competent body, with the reason."""
    petition = _lock(petition)
    require("petitions.reject_petition", by, petition)
    to = require_text(to, "transferred_to", _("nơi chuyển đến"), max_length=200)
    reason = require_text(reason, "reason", _("lý do chuyển"))
    before = snapshot(petition, "status")
    move(petition, Status.TRANSFERRED, TRANSITIONS)
    petition.status_reason = reason
    petition.transferred_to = to
    petition.save()
    events.publish("petition_transferred", agency=petition.agency, by=by, petition=petition)
    record(
        Verb.PETITION_TRANSFERRED,
        petition,
        by=by,
        petition=petition,
        before=before,
        after={"status": petition.status, "transferred_to": to},
        reason=reason,
    )
    return petition


@transaction.atomic
def schedule_petitions(*, conference, petitions, by) -> list[Petition]:
    """Put received petitions on a conference's agenda, in the order given."""
    conference = type(conference).objects.select_for_update().get(pk=conference.pk)
    require("petitions.schedule_petition", by, conference)
    if not conference.takes_agenda_changes:
        raise InvalidTransition(
            _("Hội nghị đang ở trạng thái “%(s)s”, không thêm kiến nghị được.")
            % {"s": conference.get_status_display()},
            field="conference",
        )
    ids = [p.pk for p in petitions]
    if not ids:
        raise ValidationFailed(_("Chọn ít nhất một kiến nghị."), field="petitions")
    rows = {p.pk: p for p in Petition.objects.select_for_update().filter(pk__in=ids)}
    scheduled = []
    for pk in ids:
        petition = rows.get(pk)
        if petition is None:
            raise ValidationFailed(_("Không tìm thấy kiến nghị."), field="petitions")
        same_agency(petition, conference.agency, "petitions")
        if petition.status == Status.SUBMITTED:
            raise InvalidTransition(
                _("%(code)s đang ở trạng thái “%(s)s”, chưa được tiếp nhận, phân loại.")
                % {"code": petition.code, "s": petition.get_status_display()},
                field="petitions",
            )
        before = snapshot(petition, "status", "conference")
        move(petition, Status.SCHEDULED, TRANSITIONS)
        petition.conference = conference
        petition.save()
        events.publish(
            "petition_scheduled",
            agency=conference.agency,
            by=by,
            petition=petition,
            conference=conference,
        )
        record(
            Verb.PETITION_SCHEDULED,
            petition,
            by=by,
            petition=petition,
            conference=conference,
            before=before,
            after={"status": petition.status, "conference": conference.pk},
        )
        scheduled.append(petition)
    return scheduled


@transaction.atomic
def unschedule_petition(*, petition: Petition, by, reason: str = "") -> Petition:
    """Take a petition off a conference that has not opened yet."""
    petition = _lock(petition)
    require("petitions.schedule_petition", by, petition)
    require_state(petition, (Status.SCHEDULED,))
    if petition.conference and not petition.conference.takes_agenda_changes:
        raise InvalidTransition(_("Hội nghị đã khai mạc."), field="conference")
    return _back_to_received(petition, by=by, reason=reason)


def _back_to_received(petition: Petition, *, by, reason: str) -> Petition:
    """Take a locked, scheduled petition off its agenda back to the received list, audited."""
    before = snapshot(petition, "status", "conference")
    move(petition, Status.RECEIVED, TRANSITIONS)
    events.publish("petition_left_agenda", agency=petition.agency, by=by, petition=petition)
    petition.conference = None
    petition.save()
    record(
        Verb.PETITION_UNSCHEDULED,
        petition,
        by=by,
        petition=petition,
        before=before,
        after={"status": petition.status},
        reason=reason,
    )
    return petition


@transaction.atomic
def return_to_received(*, petition: Petition, by, reason: str) -> Petition:
    """Send a scheduled petition back to the received list because its conference was
    cancelled; the conferences app calls this after checking its own actor, once per petition."""
    petition = _lock(petition)
    require_state(petition, (Status.SCHEDULED,))
    return _back_to_received(petition, by=by, reason=reason)


@transaction.atomic
def support_petition(*, petition: Petition, by) -> Support:
    """Add one's support to a petition already filed instead of filing a duplicate."""
    require("petitions.support_petition", by, petition)
    if not Petition.objects.visible_to(by).filter(pk=petition.pk).exists():
        raise PermissionRefused()
    if petition.status not in OPEN_LEAD:
        raise InvalidTransition(_("Kiến nghị đã kết thúc."), field="petition")
    if petition.submitter_id == by.pk:
        raise ValidationFailed(_("Đây là kiến nghị của chính bạn."), field="petition")
    support, created = Support.objects.get_or_create(
        petition=petition, user=by, defaults={"agency": petition.agency}
    )
    if not created:
        raise Conflict(_("Bạn đã ủng hộ kiến nghị này."), field="petition")
    record(Verb.PETITION_SUPPORTED, petition, by=by, petition=petition)
    return support


@transaction.atomic
def give_feedback(
    *, petition: Petition, satisfied: bool, by=None, reason: str = "", receipt_code: str = ""
) -> Petition:
    """Let the petitioner say whether the answer settled it; an unsatisfied one reopens once."""
    petition = _lock(petition)
    if receipt_code:
        if not petition.receipt_hash or hash_receipt(receipt_code) != petition.receipt_hash:
            raise PermissionRefused()
        actor = None
    else:
        require("petitions.feedback_petition", by, petition)
        actor = by
    if petition.status != Status.ANSWERED:
        raise InvalidTransition(
            _(
                "Chỉ phản hồi sau khi kiến nghị đã được trả lời; kiến nghị đang ở trạng thái “%(s)s”."
            )
            % {"s": petition.get_status_display()},
            field="status",
        )
    before = snapshot(petition, "status", "satisfied", "reopen_count")
    if satisfied:
        petition.satisfied = True
        move(petition, Status.CLOSED, TRANSITIONS)
        verb = Verb.PETITION_CLOSED
    else:
        reason = require_text(reason, "reason", _("lý do chưa thỏa đáng"))
        petition.satisfied = False
        if petition.reopen_count >= 1:
            move(petition, Status.CLOSED, TRANSITIONS)
            verb = Verb.PETITION_FEEDBACK
        else:
            move(petition, Status.RECEIVED, TRANSITIONS)
            petition.reopen_count += 1
            petition.conference = None
            verb = Verb.PETITION_REOPENED
        petition.status_reason = reason
    petition.save()
    record(
        verb,
        petition,
        by=actor,
        petition=petition,
        before=before,
        after=snapshot(petition, "status", "satisfied", "reopen_count"),
        reason=reason,
        actor_confidential=petition.privacy == Privacy.CONFIDENTIAL,
    )
    return petition
