"""Privacy: confidential identities stay with the secretariat; anonymous ones are never stored."""

import json

import pytest
from django.db import connection

from doithoai.audit.models import AuditEvent, Verb
from doithoai.core.errors import PermissionRefused
from doithoai.followups import actions as fu
from doithoai.petitions import actions as pet
from doithoai.petitions.models import Attachment, Channel, Petition, Privacy, Status
from doithoai.petitions.visibility import can_see_identity, submitter_label
from doithoai.testing.factories import in_conference, refused, submitted

pytestmark = pytest.mark.usefixtures("seed_day")

MASKED = "Được bảo mật danh tính"


def _name(user):
    return user.get_full_name()


def _confidential(cast, **kwargs):
    petition = submitted(cast, privacy=Privacy.CONFIDENTIAL, **kwargs)
    return pet.receive_petition(
        petition=petition, topic=cast.topic(), concerned_unit=cast.unit, by=cast.secretariat
    )


@pytest.mark.parametrize("role", ["head", "deputy", "leader", "inspector", "staff2"])
def test_confidential_identity_never_reaches_chair_unit_or_board(cast, role):
    petition = _confidential(cast)
    user = getattr(cast, role)
    assert not can_see_identity(user, petition)
    label = submitter_label(user, petition)
    assert label == MASKED
    assert _name(cast.staff) not in label
    assert cast.staff.username not in label


def test_the_unit_leader_sees_the_petition_once_assigned_but_not_who_sent_it(cast):
    petition = _confidential(cast)
    # Concerning the unit is not enough: the unit might guess the writer among its staff.
    assert not Petition.objects.visible_to(cast.leader).filter(pk=petition.pk).exists()
    fu.assign_petition(petition=petition, unit=cast.unit, by=cast.head)
    assert Petition.objects.visible_to(cast.leader).filter(pk=petition.pk).exists()
    assert submitter_label(cast.leader, petition) == MASKED


@pytest.mark.parametrize("role", ["secretariat", "staff"])
def test_secretariat_and_the_submitter_see_a_confidential_identity(cast, role):
    petition = _confidential(cast)
    user = getattr(cast, role)
    assert can_see_identity(user, petition)
    assert _name(cast.staff) in submitter_label(user, petition)


def test_a_public_petition_shows_its_submitter(cast):
    petition = submitted(cast)
    assert can_see_identity(cast.inspector, petition)
    assert _name(cast.staff) in submitter_label(cast.inspector, petition)


def test_denunciations_are_confidential_even_when_sent_as_public(cast):
    petition = submitted(cast, topic=cast.topic("to-cao"), privacy=Privacy.PUBLIC)
    assert petition.privacy == Privacy.CONFIDENTIAL
    other = submitted(cast)
    pet.receive_petition(petition=other, topic=cast.topic("to-cao"), by=cast.secretariat)
    other.refresh_from_db()
    assert other.privacy == Privacy.CONFIDENTIAL
    assert submitter_label(cast.head, other) == MASKED


def test_confidentiality_cannot_be_lifted_at_intake(cast):
    petition = submitted(cast, privacy=Privacy.CONFIDENTIAL)
    with refused(field="privacy"):
        pet.receive_petition(
            petition=petition, topic=cast.topic(), privacy=Privacy.PUBLIC, by=cast.secretariat
        )


def test_a_confidential_submitters_own_events_are_flagged(cast):
    petition = submitted(cast, privacy=Privacy.CONFIDENTIAL)
    event = AuditEvent.objects.get(verb=Verb.PETITION_SUBMITTED, petition_id=petition.pk)
    assert event.actor_confidential
    pet.withdraw_petition(petition=petition, by=cast.staff, reason="Đã được giải đáp riêng.")
    event = AuditEvent.objects.get(verb=Verb.PETITION_WITHDRAWN, petition_id=petition.pk)
    assert event.actor_confidential
    # Feedback on the answer is the submitter's too.
    answered = _confidential(cast)
    fu.answer_petition(petition=answered, text="Trả lời.", by=cast.head)
    pet.give_feedback(petition=answered, satisfied=True, by=cast.staff)
    event = AuditEvent.objects.get(verb=Verb.PETITION_CLOSED, petition_id=answered.pk)
    assert event.actor_confidential


def test_a_public_submitters_events_are_not_flagged(cast):
    petition = submitted(cast)
    event = AuditEvent.objects.get(verb=Verb.PETITION_SUBMITTED, petition_id=petition.pk)
    assert (event.actor_id, event.actor_confidential) == (cast.staff.pk, False)


def _stored_text() -> str:
    """Dump every petition, attachment and audit row as text."""
    rows = {
        "petitions": list(Petition.objects.values()),
        "attachments": list(Attachment.objects.values()),
        "events": list(AuditEvent.objects.values()),
    }
    return json.dumps(rows, default=str, ensure_ascii=False)


def test_an_anonymous_petition_stores_no_identity_anywhere(cast):
    from doithoai.testing.factories import upload

    petition = submitted(cast, privacy=Privacy.ANONYMOUS, attachments=[upload()])
    code = petition.receipt_code
    assert code and code.startswith("AN-")
    stored = Petition.objects.get(pk=petition.pk)
    assert stored.submitter_id is None
    assert stored.submitter_unit_id is None
    assert stored.submitter_name == ""
    assert stored.concerned_unit_id is None  # the unit would point at the person
    assert stored.delegation_id is None
    assert not hasattr(stored, "receipt_code")
    assert stored.receipt_hash == pet.hash_receipt(code)
    event = AuditEvent.objects.get(verb=Verb.PETITION_SUBMITTED, petition_id=petition.pk)
    assert event.actor_id is None
    assert not AuditEvent.objects.filter(actor=cast.staff).exists()
    dump = _stored_text()
    assert code not in dump
    for trace in (cast.staff.username, _name(cast.staff), f'"actor_id": {cast.staff.pk}'):
        assert trace not in dump
    assert submitter_label(cast.secretariat, stored) == "Ẩn danh"
    assert not can_see_identity(cast.secretariat, stored)


def test_the_receipt_code_is_returned_once_and_is_the_only_key(cast):
    petition = submitted(cast, privacy=Privacy.ANONYMOUS)
    code = petition.receipt_code
    again = Petition.objects.get(pk=petition.pk)
    assert getattr(again, "receipt_code", None) is None
    pet.receive_petition(petition=again, topic=cast.topic(), by=cast.secretariat)
    fu.answer_petition(petition=again, text="Trả lời công khai.", by=cast.head)
    with refused(PermissionRefused):
        pet.give_feedback(petition=again, satisfied=True, receipt_code="AN-0000-0000-0000-0000")
    pet.give_feedback(petition=again, satisfied=True, receipt_code=code.lower())
    again.refresh_from_db()
    assert again.status == Status.CLOSED
    closed = AuditEvent.objects.get(verb=Verb.PETITION_CLOSED, petition_id=again.pk)
    assert closed.actor_id is None


def test_the_same_anonymous_content_gets_a_different_receipt(cast):
    first = submitted(cast, privacy=Privacy.ANONYMOUS)
    second = submitted(cast, privacy=Privacy.ANONYMOUS)
    assert first.receipt_code != second.receipt_code


def test_an_anonymous_petition_recorded_on_paper_drops_the_identity(cast):
    petition = pet.record_petition(
        agency=cast.agency,
        title="Phản ánh về thái độ tiếp dân",
        content="Một số cán bộ có thái độ chưa đúng mực khi tiếp công dân.",
        channel=Channel.PAPER,
        privacy=Privacy.ANONYMOUS,
        submitter=cast.staff,
        submitter_name="Nguyễn Văn A",
        submitter_unit=cast.unit,
        by=cast.secretariat,
    )
    petition.refresh_from_db()
    assert (petition.submitter_id, petition.submitter_unit_id, petition.submitter_name) == (
        None,
        None,
        "",
    )
    assert "Nguyễn Văn A" not in _stored_text()


def test_a_floor_petition_is_recorded_by_the_chair_or_secretariat_only(cast):
    conference = in_conference(cast).conference

    def record(user):
        return pet.record_petition(
            agency=cast.agency,
            title="Kiến nghị bổ sung tại hội nghị",
            content="Đề nghị bố trí phòng làm việc cho Phòng Tổng hợp.",
            channel=Channel.FLOOR,
            submitter=cast.staff2,
            conference=conference,
            by=user,
        )

    for role in ("inspector", "deputy", "staff"):
        with refused(PermissionRefused):
            record(getattr(cast, role))
    petition = record(cast.head)
    assert petition.status == Status.SCHEDULED
    assert conference.agenda.filter(petition=petition).exists()


def test_anonymous_petitions_cannot_be_stored_with_identity(cast):
    """The database itself refuses an anonymous row with a submitter (a CHECK constraint)."""
    from django.db import IntegrityError, transaction

    petition = submitted(cast, privacy=Privacy.ANONYMOUS)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Petition._meta.db_table} SET submitter_id = %s WHERE id = %s",
            [cast.staff.pk, petition.pk],
        )
