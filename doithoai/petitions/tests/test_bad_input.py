"""Bad input on every petition action: a clear error on the right field, nothing stored."""

import datetime

import pytest

from doithoai.conferences.models import ConferenceStatus
from doithoai.core.errors import Conflict, InvalidTransition, PermissionRefused, ValidationFailed
from doithoai.organizations import actions as org
from doithoai.petitions import actions as pet
from doithoai.petitions.models import Channel, Privacy, Status
from doithoai.testing.factories import (
    Elsewhere,
    ad_hoc_conference,
    aware,
    conference_in,
    reach,
    received,
    refused,
    submitted,
    upload,
)

pytestmark = pytest.mark.usefixtures("seed_day")


def submit(cast, **kwargs):
    values = {
        "agency": cast.agency,
        "title": "Đề nghị hỗ trợ kinh phí học cao học",
        "content": "Đề nghị cơ quan hỗ trợ một phần học phí.",
        "by": cast.staff,
    }
    values.update(kwargs)
    return pet.submit_petition(**values)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 251}, "title"),
        ({"content": ""}, "content"),
        ({"content": " \n\t "}, "content"),
        ({"content": "x" * 20001}, "content"),
        ({"privacy": "secret"}, "privacy"),
        ({"privacy": Privacy.ANONYMOUS, "as_unit": True}, "privacy"),
    ],
)
def test_submit_refuses_bad_text_and_choices(cast, kwargs, field):
    with refused(ValidationFailed, field=field):
        submit(cast, **kwargs)


def test_submit_refuses_a_topic_of_another_agency(cast):
    elsewhere = Elsewhere()
    with refused(ValidationFailed, field="topic"):
        submit(cast, topic=elsewhere.topic())


def test_submit_refuses_an_oversize_attachment(cast, settings):
    settings.ATTACHMENT_MAX_BYTES = 100
    files = [upload("bang-luong.pdf", size=100), upload("quyet-dinh.pdf", size=101)]
    with refused(ValidationFailed, field="attachments", code="file_too_large") as caught:
        submit(cast, attachments=files)
    assert "quyet-dinh.pdf" in str(caught[0].message)
    assert caught[0].http_status == 413


@pytest.mark.parametrize("name", ["virus.exe", "script.js", "khong-duoi", "anh.PNG.bat"])
def test_submit_refuses_a_disallowed_file_type(cast, name):
    with refused(ValidationFailed, field="attachments", code="unsupported_file_type") as caught:
        submit(cast, attachments=[upload("don.pdf"), upload(name)])
    assert name in str(caught[0].message)


def test_submit_refuses_an_empty_file_and_too_many_files(cast):
    with refused(ValidationFailed, field="attachments"):
        submit(cast, attachments=[upload("rong.pdf", content=b"")])
    with refused(ValidationFailed, field="attachments"):
        submit(cast, attachments=[upload(f"tep-{i}.pdf") for i in range(11)])


def test_submit_stores_an_allowed_attachment_with_its_checksum(cast):
    import hashlib

    content = b"%PDF-1.4 bang luong"
    petition = submit(cast, attachments=[upload("Bang-Luong.PDF", content=content)])
    attachment = petition.attachments.get()
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert (attachment.size, attachment.original_name) == (len(content), "Bang-Luong.PDF")


def test_submit_refuses_a_delegation_that_expired(cast, time_machine):
    delegation = org.authorize_representative(
        agency=cast.agency,
        grantee=cast.leader,
        valid_until=datetime.date(2018, 6, 30),
        by=cast.staff,
    )
    time_machine.move_to(aware(2018, 7, 2, 9), tick=False)
    with refused(ValidationFailed, field="delegation"):
        submit(cast, delegation=delegation, by=cast.leader)


def test_submit_refuses_a_delegation_not_yet_valid(cast):
    delegation = org.authorize_representative(
        agency=cast.agency,
        grantee=cast.leader,
        valid_from=datetime.date(2018, 7, 1),
        by=cast.staff,
    )
    with refused(ValidationFailed, field="delegation"):
        submit(cast, delegation=delegation, by=cast.leader)


def test_submit_refuses_a_revoked_delegation(cast):
    delegation = org.authorize_representative(
        agency=cast.agency, grantee=cast.leader, by=cast.staff
    )
    org.revoke_delegation(delegation=delegation, reason="Tự gửi.", by=cast.staff)
    delegation.refresh_from_db()
    with refused(ValidationFailed, field="delegation"):
        submit(cast, delegation=delegation, by=cast.leader)


def test_submit_refuses_someone_elses_or_another_agencys_delegation(cast):
    delegation = org.authorize_representative(
        agency=cast.agency, grantee=cast.leader, by=cast.staff
    )
    with refused(PermissionRefused):
        submit(cast, delegation=delegation, by=cast.staff2)
    with refused(ValidationFailed, field="privacy"):
        submit(cast, delegation=delegation, by=cast.leader, privacy=Privacy.ANONYMOUS)
    elsewhere = Elsewhere()
    foreign = org.authorize_representative(
        agency=elsewhere.agency, grantee=elsewhere.secretariat, by=elsewhere.staff
    )
    with refused(ValidationFailed, field="delegation"):
        submit(cast, delegation=foreign, by=cast.leader)


def paper(cast, **kwargs):
    values = {
        "agency": cast.agency,
        "title": "Kiến nghị về chế độ công tác phí",
        "content": "Đề nghị điều chỉnh mức công tác phí cho phù hợp.",
        "channel": Channel.PAPER,
        "submitter_name": "Hoàng Thị Lan",
        "by": cast.secretariat,
    }
    values.update(kwargs)
    return pet.record_petition(**values)


def test_record_refuses_bad_input(cast):
    elsewhere = Elsewhere()
    planned = ad_hoc_conference(cast)
    cases = [
        ({"title": ""}, "title", ValidationFailed),
        ({"content": ""}, "content", ValidationFailed),
        ({"channel": Channel.WEB}, "channel", ValidationFailed),
        ({"submitter_name": " "}, "submitter_name", ValidationFailed),
        ({"submitter": elsewhere.staff}, "submitter", ValidationFailed),
        ({"submitter_unit": elsewhere.unit}, "submitter_unit", ValidationFailed),
        ({"topic": elsewhere.topic()}, "topic", ValidationFailed),
        ({"channel": Channel.FLOOR}, "conference", ValidationFailed),
        ({"channel": Channel.FLOOR, "conference": planned}, "conference", InvalidTransition),
    ]
    for kwargs, field, error in cases:
        with refused(error, field=field):
            paper(cast, **kwargs)


def test_record_refuses_a_conference_of_another_agency(cast):
    elsewhere = Elsewhere()
    from doithoai.conferences.actions import plan_conference

    foreign = plan_conference(
        agency=elsewhere.agency,
        kind="ad_hoc",
        title="Hội nghị",
        starts_at=aware(2018, 6, 20, 8),
        by=elsewhere.head,
    )
    with refused(ValidationFailed, field="conference"):
        paper(cast, conference=foreign)


def test_receive_refuses_bad_input(cast):
    elsewhere = Elsewhere()
    petition = submitted(cast)
    confidential = submitted(cast, privacy=Privacy.CONFIDENTIAL)
    anonymous = submitted(cast, privacy=Privacy.ANONYMOUS)
    cases = [
        (petition, {"topic": None}, "topic"),
        (petition, {"topic": elsewhere.topic()}, "topic"),
        (petition, {"concerned_unit": elsewhere.unit}, "concerned_unit"),
        (petition, {"privacy": "open"}, "privacy"),
        (petition, {"privacy": Privacy.ANONYMOUS}, "privacy"),
        (anonymous, {"privacy": Privacy.CONFIDENTIAL}, "privacy"),
        (confidential, {"privacy": Privacy.PUBLIC}, "privacy"),
    ]
    for target, kwargs, field in cases:
        values = {"topic": cast.topic(), **kwargs}
        with refused(ValidationFailed, field=field):
            pet.receive_petition(petition=target, by=cast.secretariat, **values)


def test_receive_refuses_a_petition_of_another_agency(cast):
    elsewhere = Elsewhere()
    foreign = pet.submit_petition(
        agency=elsewhere.agency, title="Tiêu đề", content="Nội dung", by=elsewhere.staff
    )
    with refused(PermissionRefused):
        pet.receive_petition(petition=foreign, topic=cast.topic(), by=cast.secretariat)


def test_reject_and_transfer_need_a_reason_and_a_destination(cast):
    petition = submitted(cast)
    with refused(ValidationFailed, field="reason"):
        pet.reject_petition(petition=petition, reason="  ", by=cast.secretariat)
    with refused(ValidationFailed, field="transferred_to"):
        pet.transfer_petition(petition=petition, to="", reason="Lý do", by=cast.secretariat)
    with refused(ValidationFailed, field="reason"):
        pet.transfer_petition(petition=petition, to="Sở Nội vụ", reason="", by=cast.secretariat)


def test_schedule_refuses_bad_input_and_rolls_back_a_partial_list(cast):
    elsewhere = Elsewhere()
    conference = ad_hoc_conference(cast)
    ready = received(cast)
    new = submitted(cast)
    foreign = pet.submit_petition(
        agency=elsewhere.agency, title="Tiêu đề", content="Nội dung", by=elsewhere.staff
    )
    with refused(ValidationFailed, field="petitions"):
        pet.schedule_petitions(conference=conference, petitions=[], by=cast.secretariat)
    with refused(ValidationFailed, field="petitions"):
        pet.schedule_petitions(conference=conference, petitions=[foreign], by=cast.secretariat)
    # The first petition would be scheduled before the second fails: nothing must remain.
    with refused(InvalidTransition, field="petitions"):
        pet.schedule_petitions(conference=conference, petitions=[ready, new], by=cast.secretariat)
    closed = conference_in(cast, ConferenceStatus.CLOSED)
    with refused(InvalidTransition, field="conference"):
        pet.schedule_petitions(conference=closed, petitions=[ready], by=cast.secretariat)


def test_support_refuses_ones_own_a_repeat_and_a_finished_petition(cast):
    petition = received(cast)
    with refused(ValidationFailed, field="petition"):
        pet.support_petition(petition=petition, by=cast.staff)
    pet.support_petition(petition=petition, by=cast.staff2)
    with refused(Conflict, field="petition"):
        pet.support_petition(petition=petition, by=cast.staff2)
    closed = reach(cast, Status.CLOSED)
    with refused(InvalidTransition):
        pet.support_petition(petition=closed, by=cast.staff2)


def test_support_refuses_a_petition_the_user_may_not_see(cast):
    confidential = received(cast, privacy=Privacy.CONFIDENTIAL)
    with refused(PermissionRefused):
        pet.support_petition(petition=confidential, by=cast.staff2)


def test_unsatisfied_feedback_needs_a_reason(cast):
    petition = reach(cast, Status.ANSWERED)
    with refused(ValidationFailed, field="reason"):
        pet.give_feedback(petition=petition, satisfied=False, reason="", by=cast.staff)
