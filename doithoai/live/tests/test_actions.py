"""The live room's actions: join, head count, floor petitions, speaking queue, current item,
the version bumped with every change, and stale console actions refused."""

import pytest

from doithoai.audit.models import AuditEvent, Verb
from doithoai.conferences.models import AgendaItem, Attendance
from doithoai.core.errors import (
    Conflict,
    InvalidTransition,
    PermissionRefused,
    ValidationFailed,
)
from doithoai.followups.actions import answer_petition
from doithoai.live import actions
from doithoai.live.models import FloorStatus, Participant, Room, SpeakStatus
from doithoai.organizations.models import StaffCategory
from doithoai.petitions.actions import support_petition
from doithoai.petitions.models import Channel, Privacy
from doithoai.testing import factories as f


@pytest.fixture
def running(cast, seed_day):
    """A conference in progress with one petition on its running order."""
    petition = f.in_conference(cast)
    return petition.conference


def version(conference) -> int:
    return Room.objects.get(pk=conference.pk).version


def test_opening_makes_the_room(running):
    assert Room.objects.filter(pk=running.pk).exists()


def test_join_counts_once_by_category(cast, running):
    attendance = Attendance.objects.get(conference=running)
    before = attendance.civil_servants_present
    _p, joined = actions.join_conference(conference=running, by=cast.staff)
    assert joined
    _p, again = actions.join_conference(conference=running, by=cast.staff)
    assert not again
    actions.join_conference(conference=running, by=cast.head)
    attendance.refresh_from_db()
    assert attendance.civil_servants_present == before + 1
    assert attendance.leaders_present == 1
    assert Participant.objects.filter(conference=running).count() == 2
    assert AuditEvent.objects.filter(verb=Verb.ROOM_JOINED, conference_id=running.pk).count() == 2


def test_join_counts_a_worker_as_worker_and_a_board_member_among_the_board(cast, running):
    worker = f.member(cast.agency, staff_category=StaffCategory.WORKER)
    actions.join_conference(conference=running, by=worker)
    actions.join_conference(conference=running, by=cast.inspector)
    attendance = Attendance.objects.get(conference=running)
    assert attendance.workers_present == 1
    assert list(attendance.inspectors.all()) == [cast.inspector]


def test_another_agency_cannot_join(cast, running):
    elsewhere = f.Elsewhere()
    with f.refused(PermissionRefused):
        actions.join_conference(conference=running, by=elsewhere.staff)
    with f.refused(PermissionRefused):
        actions.join_conference(conference=running, by=cast.outsider)


def test_join_only_while_the_conference_runs(cast, seed_day):
    conference = f.conference_in(cast, "compiled")
    with f.refused(InvalidTransition):
        actions.join_conference(conference=conference, by=cast.staff)


def test_secretary_corrects_the_head_count_with_a_reason(cast, running):
    with f.refused(ValidationFailed, field="reason"):
        actions.correct_attendance(
            conference=running, counts={"workers_present": 3}, reason="", by=cast.secretariat
        )
    with f.refused(ValidationFailed, field="workers_present"):
        actions.correct_attendance(
            conference=running, counts={"workers_present": -1}, reason="x", by=cast.secretariat
        )
    actions.correct_attendance(
        conference=running,
        counts={"workers_present": 3},
        reason="Ba người không có điện thoại.",
        by=cast.secretariat,
    )
    assert Attendance.objects.get(conference=running).workers_present == 3
    event = AuditEvent.objects.get(verb=Verb.ATTENDANCE_CORRECTED)
    assert event.reason == "Ba người không có điện thoại."


def test_staff_cannot_correct_the_head_count(cast, running):
    with f.refused(PermissionRefused):
        actions.correct_attendance(
            conference=running, counts={"workers_present": 3}, reason="x", by=cast.staff
        )


def test_named_minutes_secretary_corrects_the_head_count(cast, seed_day):
    from doithoai.conferences.actions import open_conference, send_compilation

    conference = f.ad_hoc_conference(cast)
    f.scheduled(cast, conference)
    send_compilation(conference=conference, by=cast.secretariat)
    open_conference(conference=conference, by=cast.head, secretary=cast.staff2)
    actions.correct_attendance(
        conference=conference, counts={"leaders_present": 2}, reason="Sửa.", by=cast.staff2
    )
    assert Attendance.objects.get(conference=conference).leaders_present == 2


def raise_one(cast, conference, privacy="public", by=None):
    return actions.raise_floor_petition(
        conference=conference,
        title="Đề nghị bố trí chỗ để xe",
        content="Đề nghị bố trí thêm chỗ để xe cho công chức.",
        topic=cast.topic(),
        privacy=privacy,
        by=by or cast.staff,
    )


def test_floor_petition_is_never_anonymous(cast, running):
    with f.refused(ValidationFailed, field="privacy"):
        raise_one(cast, running, privacy=Privacy.ANONYMOUS)


def test_board_and_outsiders_cannot_raise_from_the_floor(cast, running):
    for user in (cast.inspector, cast.outsider, f.Elsewhere().staff):
        with f.refused(PermissionRefused):
            raise_one(cast, running, by=user)


def test_accepting_records_it_like_a_paper_petition_on_the_running_order(cast, running):
    floor = raise_one(cast, running, privacy=Privacy.CONFIDENTIAL)
    assert floor.status == FloorStatus.WAITING
    raised = AuditEvent.objects.get(verb=Verb.FLOOR_RAISED)
    assert raised.actor_confidential
    floor = actions.accept_floor_petition(floor=floor, by=cast.secretariat)
    petition = floor.petition
    assert floor.status == FloorStatus.ACCEPTED
    assert petition.channel == Channel.FLOOR
    assert petition.submitter == cast.staff
    assert petition.privacy == Privacy.CONFIDENTIAL
    assert AgendaItem.objects.filter(conference=running, petition=petition).exists()
    with f.refused(InvalidTransition):
        actions.accept_floor_petition(floor=floor, by=cast.head)


def test_staff_cannot_accept_a_floor_petition(cast, running):
    floor = raise_one(cast, running)
    for user in (cast.staff2, cast.inspector, cast.leader):
        with f.refused(PermissionRefused):
            actions.accept_floor_petition(floor=floor, by=user)


def test_declining_needs_a_reason(cast, running):
    floor = raise_one(cast, running)
    with f.refused(ValidationFailed, field="reason"):
        actions.decline_floor_petition(floor=floor, reason=" ", by=cast.head)
    floor = actions.decline_floor_petition(floor=floor, reason="Trùng KN đã có.", by=cast.head)
    assert floor.status == FloorStatus.DECLINED


def test_speaking_queue_in_order_and_cleared_by_the_chair(cast, running):
    item = running.agenda.get()
    with f.refused(InvalidTransition, field="item"):
        actions.request_to_speak(conference=running, by=cast.staff)
    actions.move_current_item(conference=running, item=item, by=cast.head)
    first = actions.request_to_speak(conference=running, by=cast.staff)
    second = actions.request_to_speak(conference=running, by=cast.staff2)
    with f.refused(Conflict):
        actions.request_to_speak(conference=running, by=cast.staff)
    assert first.requested_at <= second.requested_at and first.item == item
    with f.refused(PermissionRefused):
        actions.clear_speaking_request(speaking=first, by=cast.staff2)
    cleared = actions.clear_speaking_request(speaking=first, by=cast.head)
    assert cleared.status == SpeakStatus.CLEARED
    # Cleared, one may ask again.
    actions.request_to_speak(conference=running, by=cast.staff)


def test_every_change_in_the_room_bumps_the_version(cast, running):
    item = running.agenda.get()
    seen = [version(running)]

    def changed():
        seen.append(version(running))
        assert seen[-1] > seen[-2], seen

    actions.join_conference(conference=running, by=cast.staff)
    changed()
    actions.move_current_item(conference=running, item=item, by=cast.head)
    changed()
    actions.request_to_speak(conference=running, by=cast.staff)
    changed()
    support_petition(petition=item.petition, by=cast.staff2)
    changed()
    floor = raise_one(cast, running)
    changed()
    actions.accept_floor_petition(floor=floor, by=cast.secretariat)
    changed()
    answer_petition(petition=item.petition, text="Giải đáp tại hội nghị.", by=cast.head)
    changed()


def test_a_change_elsewhere_leaves_the_version(cast, running):
    before = version(running)
    f.submitted(cast, title="Kiến nghị khác")
    assert version(running) == before


def test_stale_console_action_is_refused(cast, running):
    item = running.agenda.get()
    seen = version(running)
    actions.move_current_item(conference=running, item=item, by=cast.head, seen_version=seen)
    with f.refused(Conflict, code="stale_version"):
        actions.move_current_item(
            conference=running, item=None, by=cast.secretariat, seen_version=seen
        )
    floor = raise_one(cast, running)
    with f.refused(Conflict, code="stale_version"):
        actions.accept_floor_petition(floor=floor, by=cast.secretariat, seen_version=seen)
    room = Room.objects.get(pk=running.pk)
    assert room.current_item == item
    actions.accept_floor_petition(floor=floor, by=cast.secretariat, seen_version=room.version)


def test_current_item_must_belong_to_the_conference(cast, running):
    other = f.in_conference(cast, title="Kiến nghị ở hội nghị khác")
    item = AgendaItem.objects.get(petition=other)
    with f.refused(ValidationFailed, field="item"):
        actions.move_current_item(conference=running, item=item, by=cast.head)
