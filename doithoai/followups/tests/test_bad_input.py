"""Bad input on every follow-up action: a clear error on the right field, nothing stored."""

import datetime

import pytest

from doithoai.core.errors import InvalidTransition, ValidationFailed
from doithoai.followups import actions as fu
from doithoai.testing.factories import (
    Elsewhere,
    assigned,
    in_conference,
    received,
    refused,
    upload,
)

pytestmark = pytest.mark.usefixtures("seed_day")


def test_answer_refuses_bad_input(cast):
    elsewhere = Elsewhere()
    written = received(cast)
    with refused(ValidationFailed, field="text"):
        fu.answer_petition(petition=written, text="  ", by=cast.head)
    with refused(ValidationFailed, field="answerer"):
        fu.answer_petition(petition=written, text="Trả lời.", answerer=cast.leader, by=cast.head)
    heard = in_conference(cast)
    with refused(ValidationFailed, field="answerer"):
        fu.answer_petition(petition=heard, text="Trả lời.", answerer=elsewhere.head, by=cast.head)
    answer = fu.answer_petition(
        petition=heard, text="Đồng chí Trưởng phòng giải đáp.", answerer=cast.leader, by=cast.head
    )
    assert (answer.answered_by, answer.mode) == (cast.leader, "at_conference")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"form": "telepathy"}, "form"),
        ({"promised_on": None}, "promised_on"),
        ({"promised_on": datetime.date(2018, 6, 20)}, "promised_on"),  # today
        ({"promised_on": datetime.date(2018, 6, 1)}, "promised_on"),
    ],
)
def test_commitment_needs_a_future_date_and_a_form(cast, kwargs, field):
    petition = in_conference(cast)
    values = {"promised_on": datetime.date(2018, 7, 15), "form": "written", **kwargs}
    with refused(ValidationFailed, field=field):
        fu.commit_answer(petition=petition, by=cast.head, **values)


def test_assign_refuses_bad_input(cast):
    elsewhere = Elsewhere()
    petition = received(cast)
    with refused(ValidationFailed, field="unit"):
        fu.assign_petition(petition=petition, unit=elsewhere.unit, by=cast.head)
    with refused(ValidationFailed, field="verification_reason"):
        fu.assign_petition(petition=petition, unit=cast.unit, needs_verification=True, by=cast.head)


def test_report_refuses_bad_input(cast, settings):
    _petition, assignment = assigned(cast)
    with refused(ValidationFailed, field="text"):
        fu.report_resolution(assignment=assignment, text="", by=cast.leader)
    settings.ATTACHMENT_MAX_BYTES = 50
    with refused(ValidationFailed, field="attachments", code="file_too_large"):
        fu.report_resolution(
            assignment=assignment, text="Kết quả.", attachments=[upload(size=51)], by=cast.leader
        )
    with refused(ValidationFailed, field="attachments", code="unsupported_file_type"):
        fu.report_resolution(
            assignment=assignment,
            text="Kết quả.",
            attachments=[upload("bao-cao.docm")],
            by=cast.leader,
        )
    fu.report_resolution(
        assignment=assignment,
        text="Kết quả.",
        attachments=[upload("bao-cao.pdf", size=50)],
        by=cast.leader,
    )
    assert assignment.attachments.get().size == 50


def test_decisions_need_their_text(cast):
    _petition, assignment = assigned(cast)
    fu.report_resolution(assignment=assignment, text="Kết quả.", by=cast.leader)
    with refused(ValidationFailed, field="answer_text"):
        fu.accept_resolution(assignment=assignment, answer_text="", by=cast.head)
    with refused(ValidationFailed, field="note"):
        fu.return_resolution(assignment=assignment, note=" ", by=cast.head)


def test_extension_needs_a_reason(cast):
    _petition, assignment = assigned(cast)
    with refused(ValidationFailed, field="reason"):
        fu.request_extension(assignment=assignment, reason="", by=cast.leader)


def test_an_assigned_petition_is_answered_only_through_the_resolution(cast):
    petition, _assignment = assigned(cast)
    with refused(InvalidTransition, field="status"):
        fu.answer_petition(petition=petition, text="Trả lời.", by=cast.head)
