"""Actions in the live room: join from a phone, correct the attendance, raise a petition from
the floor, accept or decline it, request to speak and clear the request, move the current item.

The console's actions take `seen_version`, the room's version the console showed when the
person acted: it is compared with the stored one under the room's row lock, so two consoles
acting at once never overwrite each other; the second is refused (`Conflict`, code
`stale_version`) and shown the fresh state.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.log import record
from doithoai.audit.models import Verb
from doithoai.conferences.actions.session import RUNNING
from doithoai.conferences.models import AgendaItem, Attendance, Conference
from doithoai.core.actionkit import allowed, require, require_state, require_text, same_agency
from doithoai.core.errors import Conflict, InvalidTransition, ValidationFailed
from doithoai.organizations.access import membership
from doithoai.organizations.models import Role, StaffCategory
from doithoai.petitions import actions as pet_actions
from doithoai.petitions.models import Channel

from .models import (
    FloorPetition,
    FloorPrivacy,
    FloorStatus,
    Participant,
    Room,
    SpeakingRequest,
    SpeakStatus,
)

CATEGORY_OF_STAFF = {
    StaffCategory.CIVIL_SERVANT: "civil_servants",
    StaffCategory.PUBLIC_EMPLOYEE: "public_employees",
    StaffCategory.WORKER: "workers",
}
#: Joining as a board member puts one among the board members present, not in a head count.
INSPECTORS = "inspectors"


def room_for(conference: Conference, *, lock: bool = False) -> Room:
    """Return the conference's room, made on first use (a conference opened before rooms)."""
    room, _created = Room.objects.get_or_create(
        conference_id=conference.pk, defaults={"agency_id": conference.agency_id}
    )
    if lock:
        room = Room.objects.select_for_update().get(pk=room.pk)
    return room


def _running(conference: Conference) -> Conference:
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    require_state(conference, RUNNING)
    return conference


def check_version(room: Room, seen_version) -> None:
    """Refuse a console action made on a state older than the stored one."""
    if seen_version is None:
        return
    try:
        seen = int(seen_version)
    except (TypeError, ValueError):
        raise ValidationFailed(_("Phiên bản không hợp lệ."), field="version") from None
    if seen != room.version:
        raise Conflict(
            _(
                "Hội nghị đã thay đổi từ khi bạn xem (một bàn điều hành khác vừa thao tác): "
                "trạng thái mới được hiển thị, hãy thực hiện lại nếu vẫn cần."
            ),
            field="version",
            code="stale_version",
        )


def category_of(user, conference) -> str:
    """Return the attendance category in which `user` is counted at `conference`."""
    member = membership(user, conference.agency_id)
    roles = member.role_set
    if roles & {Role.HEAD, Role.DEPUTY}:
        return "leaders"
    if Role.INSPECTOR in roles and not roles & {Role.STAFF, Role.UNIT_LEADER}:
        return INSPECTORS
    return CATEGORY_OF_STAFF.get(member.staff_category, "civil_servants")


def can_join(user, conference) -> bool:
    """Tell whether `user` may join the conference's room now (a member, while it runs)."""
    return allowed(user, "live.join_room", conference, RUNNING)


def can_raise(user, conference) -> bool:
    """Tell whether `user` may raise a petition or ask to speak from the floor now."""
    return allowed(user, "live.raise_floor_petition", conference, RUNNING)


def can_run_room(user, conference) -> bool:
    """Tell whether `user` runs the room's console now (the chair, the secretariat)."""
    return allowed(user, "live.run_room", conference, RUNNING)


def can_correct_attendance(user, conference) -> bool:
    """Tell whether `user` may correct the head count now (the minutes' secretary, the
    secretariat, the chair)."""
    return allowed(user, "live.correct_attendance", conference, RUNNING)


@transaction.atomic
def join_conference(*, conference: Conference, by) -> tuple[Participant, bool]:
    """Join the room: count `by` as present in their category; a second join counts nothing.

    Return the participant and whether this call joined.
    """
    conference = _running_for(conference, "live.join_room", by)
    existing = Participant.objects.filter(conference=conference, user=by).first()
    if existing is not None:
        return existing, False
    category = category_of(by, conference)
    participant = Participant.objects.create(
        agency_id=conference.agency_id, conference=conference, user=by, category=category
    )
    attendance, _created = Attendance.objects.get_or_create(conference=conference)
    if category == INSPECTORS:
        attendance.inspectors.add(by)
    else:
        Attendance.objects.filter(pk=attendance.pk).update(
            **{f"{category}_present": F(f"{category}_present") + 1}
        )
    record(
        Verb.ROOM_JOINED,
        participant,
        by=by,
        agency=conference.agency,
        conference=conference,
        after={"category": category},
    )
    return participant, True


def _running_for(conference, permission, by) -> Conference:
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    require(permission, by, conference)
    require_state(conference, RUNNING)
    return conference


ATTENDANCE_FIELDS = tuple(
    f"{key}_{side}" for key, _label in Attendance.CATEGORIES for side in ("present", "absent")
)


@transaction.atomic
def correct_attendance(*, conference: Conference, counts: dict, reason: str, by) -> Attendance:
    """Correct the head count by category (phones forgotten, people without one); audited."""
    conference = _running_for(conference, "live.correct_attendance", by)
    reason = require_text(reason, "reason", _("lý do sửa"), max_length=2000)
    unknown = set(counts) - set(ATTENDANCE_FIELDS)
    if unknown:
        raise ValidationFailed(_("Thành phần điểm danh không hợp lệ."), field=sorted(unknown)[0])
    clean = {}
    for name, value in counts.items():
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = -1
        if not 0 <= number <= 100000:
            raise ValidationFailed(_("Số người phải là số nguyên không âm."), field=name)
        clean[name] = number
    attendance, _created = Attendance.objects.get_or_create(conference=conference)
    before = {name: getattr(attendance, name) for name in clean}
    for name, number in clean.items():
        setattr(attendance, name, number)
    attendance.save(update_fields=list(clean) or None)
    record(
        Verb.ATTENDANCE_CORRECTED,
        conference,
        by=by,
        conference=conference,
        before=before,
        after=clean,
        reason=reason,
    )
    return attendance


@transaction.atomic
def raise_floor_petition(
    *, conference: Conference, title: str, content: str, by, topic=None, privacy: str = "public"
) -> FloorPetition:
    """Raise a petition from the floor on a phone; it waits in the secretariat's queue.

    Public or confidential, never anonymous: the room sees who stands up, so an anonymous
    petition would be a promise the system cannot keep.
    """
    conference = _running_for(conference, "live.raise_floor_petition", by)
    title = require_text(title, "title", _("tiêu đề"), max_length=250)
    content = require_text(content, "content", _("nội dung"), max_length=20000)
    if privacy not in FloorPrivacy.values:
        raise ValidationFailed(
            _("Kiến nghị nêu tại hội nghị chỉ công khai hoặc bảo mật danh tính, không ẩn danh."),
            field="privacy",
        )
    same_agency(topic, conference.agency, "topic")
    floor = FloorPetition.objects.create(
        agency_id=conference.agency_id,
        conference=conference,
        raised_by=by,
        title=title,
        content=content,
        topic=topic,
        privacy=privacy,
    )
    record(
        Verb.FLOOR_RAISED,
        floor,
        by=by,
        conference=conference,
        actor_confidential=privacy == FloorPrivacy.CONFIDENTIAL,
        after={"title": title, "privacy": privacy},
    )
    return floor


def _waiting_floor(floor: FloorPetition, by, seen_version) -> tuple[FloorPetition, Room]:
    require("live.run_room", by, floor.conference)
    conference = _running(floor.conference)
    room = room_for(conference, lock=True)
    check_version(room, seen_version)
    floor = FloorPetition.objects.select_for_update().get(pk=floor.pk)
    if floor.status != FloorStatus.WAITING:
        raise InvalidTransition(
            _("Kiến nghị này đã được xử lý: %(s)s.") % {"s": floor.get_status_display()},
            field="status",
        )
    return floor, room


@transaction.atomic
def accept_floor_petition(*, floor: FloorPetition, by, seen_version=None) -> FloorPetition:
    """Put a petition raised on a phone on the running order, recorded like a paper one with
    the channel "at the conference" and its raiser as the submitter."""
    floor, _room = _waiting_floor(floor, by, seen_version)
    petition = pet_actions.record_petition(
        agency=floor.conference.agency,
        title=floor.title,
        content=floor.content,
        topic=floor.topic,
        privacy=floor.privacy,
        submitter=floor.raised_by,
        channel=Channel.FLOOR,
        conference=floor.conference,
        by=by,
    )
    floor.status = FloorStatus.ACCEPTED
    floor.petition = petition
    floor.decided_by = by
    floor.decided_at = timezone.now()
    floor.save(update_fields=["status", "petition", "decided_by", "decided_at"])
    record(
        Verb.FLOOR_ACCEPTED,
        floor,
        by=by,
        conference=floor.conference,
        petition=petition,
        before={"status": FloorStatus.WAITING},
        after={"status": floor.status, "petition": petition.code},
    )
    return floor


@transaction.atomic
def decline_floor_petition(
    *, floor: FloorPetition, reason: str, by, seen_version=None
) -> FloorPetition:
    """Keep a petition raised on a phone off the running order (a duplicate, off topic)."""
    floor, _room = _waiting_floor(floor, by, seen_version)
    reason = require_text(reason, "reason", _("lý do"), max_length=2000)
    floor.status = FloorStatus.DECLINED
    floor.reason = reason
    floor.decided_by = by
    floor.decided_at = timezone.now()
    floor.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    record(
        Verb.FLOOR_DECLINED,
        floor,
        by=by,
        conference=floor.conference,
        before={"status": FloorStatus.WAITING},
        after={"status": floor.status},
        reason=reason,
    )
    return floor


@transaction.atomic
def request_to_speak(*, conference: Conference, by, item: AgendaItem | None = None):
    """Ask to speak on an item (the current one by default); the chair sees the queue."""
    conference = _running_for(conference, "live.raise_floor_petition", by)
    room = room_for(conference, lock=True)
    item = item or room.current_item
    if item is None:
        raise InvalidTransition(
            _("Chưa có nội dung nào đang được đối thoại để đăng ký phát biểu."), field="item"
        )
    if item.conference_id != conference.pk:
        raise ValidationFailed(_("Nội dung không thuộc hội nghị này."), field="item")
    if SpeakingRequest.objects.filter(item=item, user=by, status=SpeakStatus.WAITING).exists():
        raise Conflict(_("Bạn đã đăng ký phát biểu về nội dung này, xin chờ đến lượt."))
    speaking = SpeakingRequest.objects.create(
        agency_id=conference.agency_id, conference=conference, item=item, user=by
    )
    record(
        Verb.SPEAK_REQUESTED,
        speaking,
        by=by,
        conference=conference,
        after={"item": item.pk},
    )
    return speaking


@transaction.atomic
def clear_speaking_request(*, speaking: SpeakingRequest, by, seen_version=None):
    """Take a request off the queue once the person has spoken (or given up the floor)."""
    require("live.run_room", by, speaking.conference)
    conference = _running(speaking.conference)
    check_version(room_for(conference, lock=True), seen_version)
    speaking = SpeakingRequest.objects.select_for_update().get(pk=speaking.pk)
    if speaking.status != SpeakStatus.WAITING:
        raise InvalidTransition(_("Lượt phát biểu này đã xong."), field="status")
    speaking.status = SpeakStatus.CLEARED
    speaking.cleared_by = by
    speaking.cleared_at = timezone.now()
    speaking.save(update_fields=["status", "cleared_by", "cleared_at"])
    record(
        Verb.SPEAK_CLEARED,
        speaking,
        by=by,
        conference=conference,
        before={"status": SpeakStatus.WAITING},
        after={"status": speaking.status},
    )
    return speaking


@transaction.atomic
def move_current_item(
    *, conference: Conference, item: AgendaItem | None, by, seen_version=None
) -> Room:
    """Show `item` as the one being discussed (None: none), on every phone and the projector."""
    require("live.run_room", by, conference)
    conference = _running(conference)
    room = room_for(conference, lock=True)
    check_version(room, seen_version)
    if item is not None and item.conference_id != conference.pk:
        raise ValidationFailed(_("Nội dung không thuộc hội nghị này."), field="item")
    before = {"current_item": room.current_item_id}
    room.current_item = item
    room.save(update_fields=["current_item"])
    record(
        Verb.CURRENT_ITEM_MOVED,
        room,
        by=by,
        agency=conference.agency,
        conference=conference,
        petition=item.petition if item is not None else None,
        before=before,
        after={"current_item": item.pk if item is not None else None},
    )
    return room
