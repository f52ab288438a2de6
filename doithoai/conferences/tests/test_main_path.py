"""The seed's whole process as one story: from petitions in to the petitioner's feedback."""

import datetime

from doithoai.audit import log
from doithoai.audit.models import AuditEvent, Verb
from doithoai.conferences import actions as conf
from doithoai.conferences.models import AgendaStatus, CombinedWith, ConferenceStatus, Kind
from doithoai.followups import actions as fu
from doithoai.followups.models import AssignmentStatus
from doithoai.petitions import actions as pet
from doithoai.petitions.models import Privacy, Status
from doithoai.petitions.visibility import submitter_label
from doithoai.testing.factories import aware


class Story:
    """Run each step and check that it appended the expected audit event."""

    def __init__(self, time_machine):
        self.time_machine = time_machine

    def on(self, *moment):
        self.time_machine.move_to(aware(*moment), tick=False)

    def step(self, verb, fn, **kwargs):
        last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        result = fn(**kwargs)
        verbs = list(AuditEvent.objects.filter(pk__gt=last).values_list("verb", flat=True))
        assert verb in verbs, (verb, verbs)
        return result


def test_the_main_path_of_the_seed(cast, time_machine):
    story = Story(time_machine)
    step = story.step

    # January: the plan 09/KH-VPUBND, signed KT. by the deputy, with its mid-year conference.
    story.on(2018, 1, 3, 9)
    plan = step(
        Verb.PLAN_CREATED,
        conf.create_plan,
        agency=cast.agency,
        year=2018,
        signer=cast.deputy,
        signer_authority="KT.",
        by=cast.secretariat,
    )
    step(
        Verb.PLAN_ISSUED,
        conf.issue_plan,
        plan=plan,
        issued_on=datetime.date(2018, 1, 3),
        number=9,
        by=cast.head,
    )
    conference = step(
        Verb.CONFERENCE_CREATED,
        conf.plan_conference,
        agency=cast.agency,
        plan=plan,
        kind=Kind.MID_YEAR,
        combined_with=CombinedWith.SIX_MONTH_REVIEW,
        title="Hội nghị đối thoại 6 tháng đầu năm 2018",
        starts_at=aware(2018, 6, 20, 8),
        place="Hội trường Văn phòng UBND tỉnh",
        by=cast.secretariat,
    )

    # May: petitions come in and are received.
    story.on(2018, 5, 15, 10)
    salary = step(
        Verb.PETITION_SUBMITTED,
        pet.submit_petition,
        agency=cast.agency,
        title="Đề nghị nâng bậc lương trước thời hạn",
        content="Đề nghị xem xét nâng bậc lương trước thời hạn cho CCVC có thành tích.",
        by=cast.staff,
    )
    ethics = step(
        Verb.PETITION_SUBMITTED,
        pet.submit_petition,
        agency=cast.agency,
        title="Phản ánh việc chấm công chưa công bằng",
        content="Việc chấm công tại một số bộ phận chưa công bằng, đề nghị kiểm tra.",
        privacy=Privacy.CONFIDENTIAL,
        by=cast.staff2,
    )
    equipment = step(
        Verb.PETITION_SUBMITTED,
        pet.submit_petition,
        agency=cast.agency,
        title="Đề nghị trang bị máy tính cho Phòng Tổng hợp",
        content="Máy tính của phòng đã cũ, đề nghị thay mới trong năm 2018.",
        as_unit=True,
        by=cast.leader,
    )
    for petition, topic in (
        (salary, "che-do-tien-luong"),
        (ethics, "ky-luat-dao-duc"),
        (equipment, "dieu-kien-lam-viec"),
    ):
        step(
            Verb.PETITION_RECEIVED,
            pet.receive_petition,
            petition=petition,
            topic=cast.topic(topic),
            concerned_unit=cast.unit,
            by=cast.secretariat,
        )
    step(
        Verb.PETITION_SCHEDULED,
        pet.schedule_petitions,
        conference=conference,
        petitions=[salary, ethics, equipment],
        by=cast.secretariat,
    )

    # 12 June, more than 5 days before: the compiled list goes to the head.
    story.on(2018, 6, 12, 9)
    step(Verb.COMPILATION_SENT, conf.send_compilation, conference=conference, by=cast.secretariat)

    # 20 June: the conference.
    story.on(2018, 6, 20, 8)
    step(
        Verb.CONFERENCE_OPENED,
        conf.open_conference,
        conference=conference,
        attendance="Toàn thể CCVC và NLĐ Văn phòng",
        by=cast.head,
    )
    step(
        Verb.STATEMENT_RECORDED,
        conf.record_statement,
        conference=conference,
        petition=salary,
        speaker=cast.staff,
        text="Đề nghị làm rõ tiêu chuẩn nâng lương trước hạn.",
        by=cast.secretariat,
    )
    assert submitter_label(cast.head, ethics) == "Được bảo mật danh tính"
    step(
        Verb.ANSWER_GIVEN,
        fu.answer_petition,
        petition=salary,
        text="Văn phòng sẽ xét nâng lương trước hạn theo quy chế, công bố trong tháng 7.",
        by=cast.head,
    )
    step(
        Verb.COMMITMENT_MADE,
        fu.commit_answer,
        petition=ethics,
        promised_on=datetime.date(2018, 7, 20),
        form="written",
        note="Giao Phòng HC-TC kiểm tra, trả lời bằng văn bản.",
        by=cast.head,
    )
    assignment = step(
        Verb.ASSIGNMENT_MADE,
        fu.assign_petition,
        petition=equipment,
        unit=cast.unit,
        instructions="Rà soát nhu cầu, đề xuất mua sắm.",
        by=cast.head,
    )
    assert assignment.due_date is None  # the clock waits for the conclusion notice
    assert set(conference.agenda.values_list("status", flat=True)) == {
        AgendaStatus.SETTLED,
        AgendaStatus.COMMITTED,
        AgendaStatus.ASSIGNED,
    }
    step(
        Verb.CONFERENCE_CLOSED,
        conf.close_conference,
        conference=conference,
        conclusion="Chánh Văn phòng kết luận: giao các phòng thực hiện theo thông báo.",
        by=cast.head,
    )

    # 22 June, within 5 working days: the conclusion notice.
    story.on(2018, 6, 22, 9)
    step(
        Verb.NOTICE_DRAFTED,
        conf.draft_notice,
        conference=conference,
        text="Thông báo kết luận của Chánh Văn phòng tại Hội nghị đối thoại.",
        by=cast.secretariat,
    )
    notice = step(Verb.NOTICE_ISSUED, conf.issue_notice, conference=conference, by=cast.head)
    assert (notice.symbol, notice.issued_on) == ("01/TB-VPUBND", datetime.date(2018, 6, 22))
    conference.refresh_from_db()
    assert conference.status == ConferenceStatus.CONCLUDED
    assignment.refresh_from_db()
    # 7 working days from Friday 22/06/2018: 25–29/06, 02/07, 03/07.
    assert assignment.due_date == datetime.date(2018, 7, 3)

    # 28 June: the unit reports; the head accepts and answers the petitioner.
    story.on(2018, 6, 28, 15)
    step(
        Verb.RESOLUTION_REPORTED,
        fu.report_resolution,
        assignment=assignment,
        text="Đã rà soát; đề xuất mua 3 máy tính trong quý III.",
        by=cast.leader,
    )
    step(
        Verb.RESOLUTION_ACCEPTED,
        fu.accept_resolution,
        assignment=assignment,
        answer_text="Văn phòng đồng ý trang bị 3 máy tính trong quý III/2018.",
        by=cast.head,
    )
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACCEPTED

    # July: the committed answer is given in writing, before its date.
    story.on(2018, 7, 10, 9)
    step(
        Verb.ANSWER_GIVEN,
        fu.answer_petition,
        petition=ethics,
        text="Đã kiểm tra việc chấm công, chấn chỉnh hai bộ phận.",
        by=cast.head,
    )
    assert ethics.commitments.get().kept_on == datetime.date(2018, 7, 10)

    # The petitioners give their feedback.
    step(Verb.PETITION_CLOSED, pet.give_feedback, petition=salary, satisfied=True, by=cast.staff)
    step(
        Verb.PETITION_CLOSED, pet.give_feedback, petition=equipment, satisfied=True, by=cast.leader
    )
    step(
        Verb.PETITION_REOPENED,
        pet.give_feedback,
        petition=ethics,
        satisfied=False,
        reason="Chưa nêu rõ biện pháp xử lý.",
        by=cast.staff2,
    )

    for petition, status in ((salary, Status.CLOSED), (equipment, Status.CLOSED)):
        petition.refresh_from_db()
        assert petition.status == status
    ethics.refresh_from_db()
    assert (ethics.status, ethics.reopen_count) == (Status.RECEIVED, 1)
    assert equipment.answers.get().mode == "written"
    assert all(report.ok for report in log.verify())
    assert AuditEvent.objects.filter(agency=cast.agency).count() >= 24
