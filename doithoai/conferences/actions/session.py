"""The conference itself: open it, minute statements, close it with the conclusion (rule 5)."""

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
)
from doithoai.core.errors import InvalidTransition, ValidationFailed
from doithoai.deadlines import actions as deadlines
from doithoai.organizations.access import membership

from ..models import (
    CONFERENCE_TRANSITIONS,
    AgendaStatus,
    Conference,
    ConferenceStatus,
    Statement,
)
from ..rules import is_effective_chair
from ._base import _lock

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
