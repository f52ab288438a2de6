"""The event table: for every domain event, who is told, in what words, and where the link goes.

The actions below this app publish their events (`doithoai.core.events.publish`); `apps.py`
subscribes `on_event` to every name in `EVENTS`. A subscriber runs inside the action's
transaction, so the notification rows commit or roll back with the action, and the e-mail is
enqueued as a task only on commit (`actions.notify`).

Two rules hold for every row of the table, enforced here rather than trusted to each row:
- the text names the petition by its code and title, never by who submitted it, so a
  confidential petitioner's name reaches no one else;
- a petition's notice goes only to people who may see the petition (`visible_to`); an
  anonymous petition has no submitter to tell (they follow it with the receipt code).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from doithoai.organizations.models import DelegationKind, Membership, Role
from doithoai.petitions.models import Petition, Privacy, SubmitterKind

# --- Who -------------------------------------------------------------------------------


def _members(agency_id, *, roles=(), unit_id=None):
    rows = Membership.objects.filter(agency_id=agency_id, is_active=True)
    if roles:
        rows = rows.filter(roles__role__in=roles)
    if unit_id is not None:
        rows = rows.filter(unit_id=unit_id)
    return [m.user for m in rows.select_related("user").distinct()]


def petitioners(petition) -> list:
    """Return who raised `petition`: the submitter; a unit's members; a representative and
    the people who authorised them. Nobody for an anonymous petition."""
    if petition.privacy == Privacy.ANONYMOUS:
        return []
    people = [petition.submitter] if petition.submitter_id else []
    if petition.submitter_kind == SubmitterKind.UNIT and petition.submitter_unit_id:
        people += _members(petition.agency_id, unit_id=petition.submitter_unit_id)
    if petition.delegation_id:
        delegation = petition.delegation
        if delegation.kind == DelegationKind.REPRESENTATIVE:
            people += [delegation.grantee, delegation.grantor]
    return people


def unit_leaders(agency_id, unit_id) -> list:
    """Return the active leaders of a unit."""
    return _members(agency_id, roles=(Role.UNIT_LEADER,), unit_id=unit_id)


def chairs(conference) -> list:
    """Return the conference's chair; when a deputy chairs by delegation, the deputy and the
    head who delegated."""
    people = [conference.chair] if conference.chair_id else []
    for d in conference.delegations.filter(
        kind=DelegationKind.CHAIR, revoked_at__isnull=True
    ).select_related("grantee", "grantor"):
        people += [d.grantee, d.grantor]
    return people


def staff(agency_id) -> list:
    """Return every active member of the agency."""
    return _members(agency_id)


def with_role(agency_id, *roles) -> list:
    """Return the active members holding one of `roles`."""
    return _members(agency_id, roles=roles)


# --- The table -------------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """One row of the table: the recipients, the text (with %(…)s fields) and the link."""

    recipients: Callable[..., list]
    text: str
    link: Callable[..., str]
    subject: str = "petition"  # the payload key whose visibility limits the recipients


def _petition_link(petition=None, answer=None, **_):
    return reverse("petitions:detail", args=[(petition or answer.petition).pk])


def _conference_link(conference=None, **_):
    return reverse("conferences:detail", args=[conference.pk])


def _assignment_link(assignment=None, **_):
    return reverse("followups:assignment", args=[assignment.pk])


def _oversight_link(**_):
    return reverse("oversight:observations")


def _reports_link(agency=None, **_):
    return reverse("reports:dashboard", args=[agency.code])


def _answer_people(answer=None, **_):
    return petitioners(answer.petition)


EVENTS: dict[str, Event] = {
    "petition_received": Event(
        lambda petition, **_: petitioners(petition),
        _("Kiến nghị %(code)s đã được tiếp nhận và phân loại"),
        _petition_link,
    ),
    "petition_merged": Event(
        lambda petition, **_: petitioners(petition),
        _("Kiến nghị %(code)s được gộp vào kiến nghị %(lead)s"),
        _petition_link,
    ),
    "petition_rejected": Event(
        lambda petition, **_: petitioners(petition),
        _("Kiến nghị %(code)s không được tiếp nhận"),
        _petition_link,
    ),
    "petition_transferred": Event(
        lambda petition, **_: petitioners(petition),
        _("Kiến nghị %(code)s được chuyển đến %(to)s"),
        _petition_link,
    ),
    "compilation_sent": Event(
        lambda conference, **_: chairs(conference),
        _("Bộ phận tổng hợp đã gửi danh sách kiến nghị cho %(conference)s"),
        _conference_link,
        subject="",
    ),
    "conference_scheduled": Event(
        lambda conference, **_: staff(conference.agency_id),
        _("Triệu tập %(conference)s lúc %(when)s tại %(place)s"),
        _conference_link,
        subject="",
    ),
    "conference_rescheduled": Event(
        lambda conference, **_: staff(conference.agency_id),
        _("Dời lịch %(conference)s sang %(when)s tại %(place)s"),
        _conference_link,
        subject="",
    ),
    "conference_cancelled": Event(
        lambda conference, **_: staff(conference.agency_id),
        _("Hủy %(conference)s"),
        _conference_link,
        subject="",
    ),
    "answer_given": Event(_answer_people, _("Kiến nghị %(code)s đã được trả lời"), _petition_link),
    "answer_published": Event(
        _answer_people, _("Câu trả lời kiến nghị %(code)s đã được công khai"), _petition_link
    ),
    "commitment_made": Event(
        lambda petition, **_: petitioners(petition),
        _("Lãnh đạo hẹn trả lời kiến nghị %(code)s trước ngày %(promised_on)s"),
        _petition_link,
    ),
    "assignment_made": Event(
        lambda assignment, **_: unit_leaders(assignment.agency_id, assignment.unit_id),
        _("Đơn vị được giao xử lý kiến nghị %(code)s, hạn %(due)s"),
        _assignment_link,
    ),
    "resolution_clock_started": Event(
        lambda assignment, **_: unit_leaders(assignment.agency_id, assignment.unit_id),
        _(
            "Thông báo kết luận đã ban hành: hạn báo cáo kết quả xử lý kiến nghị %(code)s "
            "là %(due)s"
        ),
        _assignment_link,
    ),
    "extension_requested": Event(
        lambda assignment, **_: (
            with_role(assignment.agency_id, Role.HEAD)
            + (chairs(assignment.conference) if assignment.conference_id else [])
        ),
        _("%(unit)s đề nghị thời hạn 15 ngày làm việc cho kiến nghị %(code)s"),
        _assignment_link,
    ),
    "extension_refused": Event(
        lambda assignment, **_: unit_leaders(assignment.agency_id, assignment.unit_id),
        _(
            "Lãnh đạo không đồng ý thời hạn 15 ngày làm việc cho kiến nghị %(code)s, hạn vẫn là %(due)s"
        ),
        _assignment_link,
    ),
    "extension_applied": Event(
        lambda assignment, **_: (
            unit_leaders(assignment.agency_id, assignment.unit_id)
            + with_role(assignment.agency_id, Role.HEAD, Role.SECRETARIAT)
        ),
        _("Kiến nghị %(code)s được áp dụng thời hạn 15 ngày làm việc, hạn mới %(due)s"),
        _assignment_link,
    ),
    "resolution_reported": Event(
        lambda assignment, **_: with_role(assignment.agency_id, Role.HEAD, Role.SECRETARIAT),
        _("%(unit)s đã báo cáo kết quả xử lý kiến nghị %(code)s"),
        _assignment_link,
    ),
    "resolution_accepted": Event(
        lambda assignment, **_: unit_leaders(assignment.agency_id, assignment.unit_id),
        _("Kết quả xử lý kiến nghị %(code)s đã được chấp nhận"),
        _assignment_link,
    ),
    "resolution_returned": Event(
        lambda assignment, **_: unit_leaders(assignment.agency_id, assignment.unit_id),
        _("Kết quả xử lý kiến nghị %(code)s bị trả lại, cần xử lý tiếp"),
        _assignment_link,
    ),
    "notice_issued": Event(
        lambda conference, **_: staff(conference.agency_id),
        _("Đã ban hành thông báo kết luận %(symbol)s của %(conference)s"),
        _conference_link,
        subject="",
    ),
    "observation_recorded": Event(
        lambda observation, **_: with_role(observation.agency_id, Role.HEAD),
        _("Ban Thanh tra nhân dân ghi nhận: %(kind)s"),
        _oversight_link,
        subject="",
    ),
    "observation_answered": Event(
        lambda observation, **_: with_role(observation.agency_id, Role.INSPECTOR),
        _("Người đứng đầu đã trả lời ý kiến giám sát của Ban Thanh tra nhân dân"),
        _oversight_link,
        subject="",
    ),
    "report_submitted": Event(
        lambda agency, **_: (
            with_role(agency.pk, Role.HEAD, Role.SECRETARIAT)
            + (with_role(agency.parent_id, Role.SUPERVISOR) if agency.parent_id else [])
        ),
        _("Đã gửi báo cáo kết quả đối thoại %(period)s"),
        _reports_link,
        subject="",
    ),
    "report_returned": Event(
        lambda agency, **_: with_role(agency.pk, Role.HEAD, Role.SECRETARIAT),
        _("Cấp trên trả lại báo cáo kết quả đối thoại %(period)s để sửa"),
        _reports_link,
        subject="",
    ),
    "report_accepted": Event(
        lambda agency, **_: with_role(agency.pk, Role.HEAD, Role.SECRETARIAT),
        _("Cấp trên đã tiếp nhận báo cáo kết quả đối thoại %(period)s"),
        _reports_link,
        subject="",
    ),
}
# "assignment_urged" (the follow-up app words its own message) is in receivers.py; a
# periodic report falling due is told by the daily deadline reminders (reminders.py).


def _when(moment) -> str:
    return date_format(localtime(moment), "H:i d/m/Y") if moment else ""


def fields(payload: dict) -> dict:
    """Return the values the texts may use: codes, titles, dates, never a person's name."""
    petition = payload.get("petition")
    answer = payload.get("answer")
    assignment = payload.get("assignment")
    conference = payload.get("conference")
    if petition is None and answer is not None:
        petition = answer.petition
    if petition is None and assignment is not None:
        petition = assignment.petition
    out = {}
    if petition is not None:
        out["code"] = petition.code
        if petition.merged_into_id:
            out["lead"] = petition.merged_into.code
        out["to"] = petition.transferred_to
    if assignment is not None:
        out["unit"] = str(assignment.unit)
        out["due"] = assignment.due_date.strftime("%d/%m/%Y") if assignment.due_date else "—"
    if conference is not None:
        out["conference"] = conference.title or str(conference)
        out["when"] = _when(conference.starts_at)
        out["place"] = conference.place
    if payload.get("notice") is not None:
        out["symbol"] = payload["notice"].symbol
    if payload.get("commitment") is not None:
        out["promised_on"] = payload["commitment"].promised_on.strftime("%d/%m/%Y")
    if payload.get("observation") is not None:
        out["kind"] = payload["observation"].get_kind_display()
    if "year" in payload:
        half = payload.get("half")
        out["period"] = (
            _("6 tháng đầu năm %(y)s") % {"y": payload["year"]}
            if half
            else _("năm %(y)s") % {"y": payload["year"]}
        )
    return out


def subject_petition(name: str, payload: dict):
    """Return the petition whose visibility limits who is told, if the event has one."""
    if EVENTS[name].subject != "petition":
        return None
    for key in ("petition", "answer", "assignment"):
        if payload.get(key) is not None:
            return payload[key] if key == "petition" else payload[key].petition
    return None


def recipients(name: str, payload: dict) -> list:
    """Return who is told of event `name`: the table's people, less those who may not see
    its petition (an anonymous petition never names anyone to tell)."""
    people = [u for u in EVENTS[name].recipients(**payload) if u is not None]
    unique = list({u.pk: u for u in people}.values())
    petition = subject_petition(name, payload)
    if petition is None:
        return unique
    return [u for u in unique if Petition.objects.visible_to(u).filter(pk=petition.pk).exists()]


def render(name: str, payload: dict) -> tuple[str, str]:
    """Return the text and link of event `name`."""
    event = EVENTS[name]
    return str(event.text) % fields(payload), event.link(**payload)
