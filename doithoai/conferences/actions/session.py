"""The conference itself: open it, minute statements, close it with the conclusion (rule 5)."""

import json

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.log import record
from doithoai.audit.models import Verb
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
from doithoai.core.errors import InvalidTransition, ValidationFailed
from doithoai.deadlines import actions as deadlines
from doithoai.organizations.access import has_role, membership
from doithoai.organizations.models import Role

from ..minutes import build_snapshot, canonical, digest, next_position
from ..models import (
    CONFERENCE_TRANSITIONS,
    AgendaStatus,
    Attendance,
    Conference,
    ConferenceStatus,
    Minutes,
    MinutesAddendum,
    Statement,
)
from ..rules import is_effective_chair
from ._base import _lock
from .agenda import move_agenda_item

OPENABLE = (ConferenceStatus.COMPILED,)
RUNNING = (ConferenceStatus.IN_PROGRESS,)


def can_open_conference(user, conference) -> bool:
    """Tell whether `user` may open the conference now (the chair, once the list is sent)."""
    return allowed(user, "conferences.open_conference", conference, OPENABLE)


def can_record_statement(user, conference) -> bool:
    """Tell whether `user` may minute statements now."""
    return allowed(user, "conferences.record_statement", conference, RUNNING)


def can_record_floor_petition(user, conference) -> bool:
    """Tell whether `user` may record a petition raised from the floor now."""
    return allowed(user, "conferences.record_floor_petition", conference, RUNNING)


def can_run_conference(user, conference) -> bool:
    """Tell whether `user` runs the order now: answers, commits and assigns (the chair, while
    the conference is held; `followups` enforces the same in its actions)."""
    return conference.is_in_progress and is_effective_chair(user, conference)


def can_close_conference(user, conference) -> bool:
    """Tell whether `user` may close the conference now (the chair, while it runs); the action
    still refuses while an item is undecided, naming it."""
    return allowed(user, "conferences.close_conference", conference, RUNNING)


HEAD_COUNT_FIELDS = tuple(
    f"{key}_{side}" for key, _label in Attendance.CATEGORIES for side in ("present", "absent")
)


def _head_count(head_count: dict) -> dict:
    unknown = set(head_count) - set(HEAD_COUNT_FIELDS)
    if unknown:
        raise ValidationFailed(_("Thành phần điểm danh không hợp lệ."), field=sorted(unknown)[0])
    counts = {}
    for name, value in head_count.items():
        try:
            number = int(value or 0)
        except (TypeError, ValueError):
            number = -1
        if not 0 <= number <= 100000:
            raise ValidationFailed(_("Số người phải là số nguyên không âm."), field=name)
        counts[name] = number
    return counts


def freeze_minutes(conference: Conference) -> Minutes:
    """Take the minutes' snapshot at close and store it with its SHA-256 (never edited)."""
    content = json.loads(canonical(build_snapshot(conference)))
    return Minutes.objects.create(
        conference=conference, content=content, sha256=digest(content), frozen_at=timezone.now()
    )


@transaction.atomic
def open_conference(
    *,
    conference: Conference,
    by,
    attendance: str = "",
    confirm_other_day: bool = False,
    secretary=None,
    head_count: dict | None = None,
    inspectors=(),
    guests: str = "",
) -> Conference:
    """Open the conference; only its chair may, once the compiled list has been sent.

    Record the actual start and the day actually held; opening on a day other than the
    scheduled one needs `confirm_other_day` (the chair confirms the change of day). The chair
    names the minutes' secretary from the agency's people; the attendance (present and absent
    by staff category, the inspection board members present, the guests) is recorded.
    """
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
    held_on = today()
    if held_on != conference.date and not confirm_other_day:
        raise ValidationFailed(
            _(
                "Hội nghị được lên lịch ngày %(planned)s, hôm nay là %(today)s: xác nhận khai mạc vào ngày khác ngày đã lên lịch."
            )
            % {
                "planned": conference.date.strftime("%d/%m/%Y"),
                "today": held_on.strftime("%d/%m/%Y"),
            },
            field="confirm_other_day",
        )
    if secretary is not None and membership(secretary, conference.agency) is None:
        raise ValidationFailed(_("Thư ký không thuộc cơ quan."), field="secretary")
    counts = _head_count(head_count or {})
    inspectors = list(inspectors or [])
    for person in inspectors:
        if not has_role(person, conference.agency, Role.INSPECTOR):
            raise ValidationFailed(
                _("%(n)s không phải thành viên Ban Thanh tra nhân dân của cơ quan.")
                % {"n": person.get_full_name() or person.get_username()},
                field="inspectors",
            )
    guests = (guests or "").strip()
    if len(guests) > 5000:
        raise ValidationFailed(_("Danh sách khách mời quá dài."), field="guests")
    before = snapshot(conference, "status")
    move(conference, ConferenceStatus.IN_PROGRESS, CONFERENCE_TRANSITIONS)
    conference.opened_at = timezone.now()
    conference.held_on = held_on
    conference.secretary = secretary
    if attendance.strip():
        conference.attendance = attendance.strip()
    conference.save()
    record_of_attendance = Attendance.objects.create(conference=conference, guests=guests, **counts)
    record_of_attendance.inspectors.set(inspectors)
    record(
        Verb.CONFERENCE_OPENED,
        conference,
        by=by,
        conference=conference,
        before=before,
        after={
            "status": conference.status,
            "opened_at": conference.opened_at.isoformat(),
            "held_on": held_on,
            "scheduled_on": conference.date,
            "secretary": conference.secretary_id,
            "attendance": {**counts, "inspectors": [u.pk for u in inspectors], "guests": guests},
        },
    )
    return conference


@transaction.atomic
def record_statement(
    *, conference: Conference, text: str, by, speaker=None, speaker_name: str = "", petition=None
) -> Statement:
    """Add an entry to the minutes: who spoke, on which petition, what was said."""
    conference = Conference.objects.get(pk=conference.pk)
    require("conferences.record_statement", by, conference)
    require_state(conference, RUNNING)
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
    if (
        petition is not None
        and conference.agenda.filter(petition=petition, status=AgendaStatus.PENDING).exists()
    ):
        move_agenda_item(conference=conference, petition=petition, to=AgendaStatus.OPEN, by=by)
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
    require_state(conference, RUNNING)
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
    frozen = freeze_minutes(conference)
    deadlines.open_deadline(
        kind="notice",
        subject=conference,
        agency=conference.agency,
        start=conference.held_date,
        by=by,
        conference=conference,
    )
    record(
        Verb.CONFERENCE_CLOSED,
        conference,
        by=by,
        conference=conference,
        before=before,
        after={
            "status": conference.status,
            "closed_at": conference.closed_at.isoformat(),
            "conclusion": conclusion[:500],
            "minutes_sha256": frozen.sha256,
        },
    )
    return conference


HELD = (ConferenceStatus.CLOSED, ConferenceStatus.CONCLUDED)


def can_correct_minutes(user, conference) -> bool:
    """Tell whether `user` may add a correction to the closed minutes (chair or secretariat)."""
    return allowed(user, "conferences.correct_minutes", conference, HELD)


@transaction.atomic
def correct_minutes(*, conference: Conference, text: str, reason: str, by) -> MinutesAddendum:
    """Add an audited correction (đính chính) after the frozen minutes; they stay unchanged."""
    conference = _lock(conference)
    require("conferences.correct_minutes", by, conference)
    require_state(conference, HELD)
    text = require_text(text, "text", _("nội dung đính chính"), max_length=20000)
    reason = require_text(reason, "reason", _("lý do đính chính"))
    addendum = MinutesAddendum.objects.create(
        conference=conference,
        number=next_position(conference),
        text=text,
        reason=reason,
        recorded_by=by,
    )
    record(
        Verb.MINUTES_CORRECTED,
        conference,
        by=by,
        conference=conference,
        after={"number": addendum.number, "text": text[:500]},
        reason=reason,
    )
    return addendum
