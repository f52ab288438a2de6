"""The minutes: secretary and attendance at opening, frozen at close, corrected only by addenda."""

import datetime

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doithoai.audit.models import AuditEvent, Verb
from doithoai.conferences import actions as conf
from doithoai.conferences.minutes import content_for, digest
from doithoai.conferences.models import Minutes
from doithoai.core.errors import ActionError, PermissionRefused, ValidationFailed
from doithoai.documents.meeting import build_minutes
from doithoai.documents.tests.helpers import open_docx, texts
from doithoai.followups import actions as fu
from doithoai.testing.factories import ad_hoc_conference, aware, freeze, scheduled


def _minutes_text(conference) -> list[str]:
    return texts(open_docx(build_minutes(conference).to_bytes()))


def _held(cast, time_machine):
    freeze(time_machine, aware(2018, 6, 18, 9))
    conference = ad_hoc_conference(cast, starts_at=aware(2018, 6, 20, 8))
    answered = scheduled(cast, conference, title="Kiến nghị được giải đáp")
    committed = scheduled(cast, conference, title="Kiến nghị được cam kết")
    assigned = scheduled(cast, conference, title="Kiến nghị được giao xử lý")
    conf.send_compilation(conference=conference, by=cast.secretariat)
    freeze(time_machine, aware(2018, 6, 20, 8, 5))
    conf.open_conference(
        conference=conference,
        by=cast.head,
        secretary=cast.secretariat,
        head_count={"leaders_present": 3, "civil_servants_present": 40, "civil_servants_absent": 2},
        inspectors=[cast.inspector],
        guests="Đại diện Công đoàn cơ quan",
    )
    conf.record_statement(
        conference=conference,
        petition=answered,
        speaker=cast.staff,
        text="Đề nghị làm rõ chế độ.",
        by=cast.secretariat,
    )
    fu.answer_petition(petition=answered, text="Giải đáp tại hội nghị.", by=cast.head)
    fu.commit_answer(
        petition=committed, promised_on=datetime.date(2018, 7, 15), form="written", by=cast.head
    )
    assignment = fu.assign_petition(petition=assigned, unit=cast.unit, by=cast.head)
    freeze(time_machine, aware(2018, 6, 20, 11, 30))
    conf.close_conference(conference=conference, conclusion="Kết luận của chủ trì.", by=cast.head)
    conference.refresh_from_db()
    return conference, committed, assignment


def test_opening_records_secretary_and_attendance_and_refuses_outsiders(cast, time_machine):
    freeze(time_machine, aware(2018, 6, 18, 9))
    conference = ad_hoc_conference(cast, starts_at=aware(2018, 6, 20, 8))
    scheduled(cast, conference)
    conf.send_compilation(conference=conference, by=cast.secretariat)
    freeze(time_machine, aware(2018, 6, 20, 8))
    with pytest.raises(ValidationFailed) as exc:
        conf.open_conference(conference=conference, by=cast.head, secretary=cast.outsider)
    assert exc.value.field == "secretary"
    with pytest.raises(ValidationFailed) as exc:
        conf.open_conference(conference=conference, by=cast.head, inspectors=[cast.staff])
    assert exc.value.field == "inspectors"
    with pytest.raises(ValidationFailed) as exc:
        conf.open_conference(conference=conference, by=cast.head, head_count={"workers_absent": -1})
    assert exc.value.field == "workers_absent"
    conf.open_conference(
        conference=conference,
        by=cast.head,
        secretary=cast.secretariat,
        head_count={"workers_present": 5},
        inspectors=[cast.inspector],
    )
    conference.refresh_from_db()
    assert conference.secretary == cast.secretariat
    record = conference.attendance_record
    assert record.workers_present == 5 and list(record.inspectors.all()) == [cast.inspector]


def test_close_freezes_the_minutes_with_their_digest_in_the_audit(cast, time_machine):
    conference, _committed, _assignment = _held(cast, time_machine)
    minutes = Minutes.objects.get(conference=conference)
    assert minutes.sha256 == digest(minutes.content)
    event = AuditEvent.objects.get(verb=Verb.CONFERENCE_CLOSED)
    assert event.after["minutes_sha256"] == minutes.sha256
    content = minutes.content
    assert content["secretary"] == cast.secretariat.get_full_name()
    assert content["attendance"]["inspectors"] == [cast.inspector.get_full_name()]
    assert [len(i["answers"]) for i in content["items"]] == [1, 0, 0]
    assert content["items"][2]["assignments"][0]["unit"] == cast.unit.name
    text = "\n".join(_minutes_text(conference))
    assert "Thư ký: " + cast.secretariat.get_full_name() in text
    assert "Công chức: có mặt 40, vắng mặt 2." in text
    assert minutes.sha256 in text


LATER = st.lists(
    st.sampled_from(
        ["written", "report", "accept", "return", "extend", "notice", "publish", "urge"]
    ),
    min_size=1,
    max_size=7,
)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=LATER)
def test_later_actions_never_change_the_minutes(cast, time_machine, steps):
    if not Minutes.objects.exists():
        _held(cast, time_machine)
    minutes = Minutes.objects.get()
    conference = minutes.conference
    frozen = minutes.content
    before = _minutes_text(conference)
    with transaction.atomic():
        freeze(time_machine, aware(2018, 6, 22, 9))
        committed = conference.commitments.get().petition
        assignment = conference.assignments.get()
        calls = {
            "written": lambda: fu.answer_petition(
                petition=committed, text="Trả lời bằng văn bản sau hội nghị.", by=cast.head
            ),
            "report": lambda: fu.report_resolution(
                assignment=assignment, text="Đã xử lý xong.", by=cast.leader
            ),
            "accept": lambda: fu.accept_resolution(
                assignment=assignment, answer_text="Chấp nhận kết quả.", by=cast.head
            ),
            "return": lambda: fu.return_resolution(
                assignment=assignment, note="Chưa đạt.", by=cast.head
            ),
            "extend": lambda: fu.approve_extension(
                extension=fu.request_extension(
                    assignment=assignment, reason="Cần xác minh.", by=cast.leader
                ),
                by=cast.head,
            ),
            "notice": lambda: (
                conf.draft_notice(conference=conference, text="Thông báo.", by=cast.secretariat),
                conf.issue_notice(conference=conference, by=cast.head),
            ),
            "publish": lambda: conf.publish_notice(notice=conference.notice, by=cast.head),
            "urge": lambda: fu.urge_assignment(assignment=assignment, by=cast.head),
        }
        for step in steps:
            try:
                with transaction.atomic():
                    calls[step]()
            except (ActionError, AttributeError, type(conference).notice.RelatedObjectDoesNotExist):
                pass
            assignment.refresh_from_db()
            conference.refresh_from_db()
            content, sha256 = content_for(conference)
            assert content == frozen and sha256 == minutes.sha256
            assert digest(content) == minutes.sha256
        assert _minutes_text(conference) == before
        transaction.set_rollback(True)


def test_corrections_come_after_the_minutes_and_only_from_chair_or_secretariat(cast, time_machine):
    conference, _committed, _assignment = _held(cast, time_machine)
    sha = conference.minutes.sha256
    before = _minutes_text(conference)
    with pytest.raises(PermissionRefused):
        conf.correct_minutes(conference=conference, text="Sửa.", reason="Lý do.", by=cast.staff)
    assert not conf.can_correct_minutes(cast.staff, conference)
    assert conf.can_correct_minutes(cast.secretariat, conference)
    conf.correct_minutes(
        conference=conference,
        text="Ý kiến tại mục 1 là của ông Nguyễn Văn B.",
        reason="Ghi nhầm tên người phát biểu.",
        by=cast.secretariat,
    )
    conference.refresh_from_db()
    after = _minutes_text(conference)
    assert conference.minutes.sha256 == sha
    heading = after.index("ĐÍNH CHÍNH BIÊN BẢN")
    assert after[:heading] == [line for line in before if "SHA-256" not in line]
    assert "Ý kiến tại mục 1 là của ông Nguyễn Văn B." in after[heading + 1]
    assert AuditEvent.objects.filter(verb=Verb.MINUTES_CORRECTED).count() == 1
