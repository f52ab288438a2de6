"""Bad input on every conference action: a clear error on the right field, nothing stored."""

import datetime

import pytest

from doithoai.conferences import actions as conf
from doithoai.conferences.models import ConferenceStatus as C
from doithoai.core.errors import Conflict, InvalidTransition, ValidationFailed
from doithoai.testing.factories import (
    MEETING_AT,
    Elsewhere,
    ad_hoc_conference,
    aware,
    conference_in,
    in_conference,
    received,
    refused,
)

pytestmark = pytest.mark.usefixtures("seed_day")


def test_create_and_issue_plan_refuse_bad_input(cast):
    elsewhere = Elsewhere()
    for kwargs, field, error in [
        ({"year": 1800}, "year", ValidationFailed),
        ({"signer": elsewhere.head}, "signer", ValidationFailed),
        ({"signer_authority": "XYZ"}, "signer_authority", ValidationFailed),
    ]:
        with refused(error, field=field):
            conf.create_plan(agency=cast.agency, by=cast.secretariat, **{"year": 2018, **kwargs})
    plan = conf.create_plan(agency=cast.agency, year=2018, by=cast.secretariat)
    with refused(Conflict, field="year"):
        conf.create_plan(agency=cast.agency, year=2018, by=cast.head)
    with refused(ValidationFailed, field="issued_on"):
        conf.issue_plan(plan=plan, issued_on=None, by=cast.secretariat)
    conf.issue_plan(plan=plan, issued_on=datetime.date(2018, 1, 3), number=9, by=cast.head)
    plan.refresh_from_db()
    assert plan.symbol == "09/KH-VPUBND"
    with refused(InvalidTransition, field="plan"):
        conf.issue_plan(plan=plan, issued_on=datetime.date(2018, 1, 4), by=cast.head)


def test_plan_conference_refuses_bad_input(cast):
    elsewhere = Elsewhere()
    foreign_plan = conf.create_plan(agency=elsewhere.agency, year=2018, by=elsewhere.head)
    for kwargs, field in [
        ({"title": ""}, "title"),
        ({"kind": "weekly"}, "kind"),
        ({"combined_with": "party_congress"}, "combined_with"),
        ({"starts_at": None}, "starts_at"),
        ({"plan": foreign_plan}, "plan"),
        ({"chair": cast.deputy}, "chair"),
        ({"chair": elsewhere.head}, "chair"),
    ]:
        values = {"kind": "ad_hoc", "title": "Hội nghị", "starts_at": MEETING_AT, **kwargs}
        with refused(ValidationFailed, field=field):
            conf.plan_conference(agency=cast.agency, by=cast.secretariat, **values)


def test_cancel_needs_a_reason(cast):
    conference = ad_hoc_conference(cast)
    with refused(ValidationFailed, field="reason"):
        conf.cancel_conference(conference=conference, reason="", by=cast.head)


def test_delegate_chair_refuses_bad_input(cast):
    elsewhere = Elsewhere()
    conference = ad_hoc_conference(cast)
    for kwargs, field in [
        ({"reason": " "}, "reason"),
        ({"deputy": cast.staff}, "deputy"),
        ({"deputy": cast.head}, "deputy"),
        ({"deputy": elsewhere.head}, "deputy"),
    ]:
        values = {"deputy": cast.deputy, "reason": "Đi công tác Hà Nội.", **kwargs}
        with refused(ValidationFailed, field=field):
            conf.delegate_chair(conference=conference, by=cast.head, **values)


def test_send_compilation_refuses_an_empty_agenda(cast):
    conference = ad_hoc_conference(cast)
    with refused(ValidationFailed, field="agenda"):
        conf.send_compilation(conference=conference, by=cast.secretariat)


def test_record_statement_refuses_bad_input(cast):
    elsewhere = Elsewhere()
    petition = in_conference(cast)
    not_on_agenda = received(cast)
    for kwargs, field in [
        ({"text": ""}, "text"),
        ({"petition": not_on_agenda}, "petition"),
        ({"speaker": elsewhere.staff}, "speaker"),
        ({"speaker": None, "speaker_name": " "}, "speaker_name"),
    ]:
        values = {"text": "Ý kiến phát biểu.", "speaker": cast.staff, "petition": petition}
        values.update(kwargs)
        with refused(ValidationFailed, field=field):
            conf.record_statement(conference=petition.conference, by=cast.secretariat, **values)


def test_close_needs_a_conclusion(cast):
    petition = in_conference(cast)
    from doithoai.followups.actions import answer_petition

    answer_petition(petition=petition, text="Giải đáp.", by=cast.head)
    with refused(ValidationFailed, field="conclusion"):
        conf.close_conference(conference=petition.conference, conclusion="", by=cast.head)


def test_notice_refuses_bad_input(cast, time_machine):
    conference = conference_in(cast, C.CLOSED)
    with refused(ValidationFailed, field="text"):
        conf.draft_notice(conference=conference, text="", by=cast.secretariat)
    with refused(InvalidTransition, field="notice"):
        conf.issue_notice(conference=conference, by=cast.head)
    conf.draft_notice(conference=conference, text="Thông báo.", by=cast.secretariat)
    with refused(ValidationFailed, field="issued_on"):
        conf.issue_notice(conference=conference, issued_on=datetime.date(2018, 6, 19), by=cast.head)
    with refused(ValidationFailed, field="issued_on"):
        conf.issue_notice(conference=conference, issued_on=datetime.date(2018, 6, 21), by=cast.head)
    time_machine.move_to(aware(2018, 6, 22, 9), tick=False)
    notice = conf.issue_notice(
        conference=conference, issued_on=datetime.date(2018, 6, 21), by=cast.head
    )
    assert (notice.symbol, notice.signer_authority) == ("01/TB-VPUBND", "")
    with refused(InvalidTransition):
        conf.draft_notice(conference=conference, text="Sửa.", by=cast.secretariat)
