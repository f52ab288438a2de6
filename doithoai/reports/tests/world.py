"""A small hand-built year of dialogue, made through the actions, whose numbers we know."""

import datetime
from types import SimpleNamespace

from doithoai.conferences import actions as conf
from doithoai.conferences.models import CombinedWith, Kind
from doithoai.followups import actions as fu
from doithoai.petitions import actions as pet
from doithoai.testing.factories import aware


def fixed_deadlines(monkeypatch) -> None:
    """Give every resolution a due date 10 days after its start, whatever `deadlines` does.

    The numbers then do not depend on the working-day calendar, which has its own tests.
    """
    from doithoai.deadlines import actions as deadlines

    def open_deadline(*, start, fixed_due=None, **kwargs):
        return SimpleNamespace(due_date=fixed_due or start + datetime.timedelta(days=10))

    monkeypatch.setattr(deadlines, "open_deadline", open_deadline)


def build_year(cast, time_machine):
    """Build 2018 for the cast's agency and return the records by name.

    Five petitions in May; a June conference: P1 answered there, P2 committed (then answered
    in writing on time), P3 assigned to TH (reported on time, accepted), P4 assigned to KT
    (reported late); P5 rejected. P4 is confidential. The December conference is scheduled
    but not held.
    """
    a, sec, head = cast.agency, cast.secretariat, cast.head

    def at(*args):
        time_machine.move_to(aware(*args), tick=False)

    at(2018, 1, 3, 9)
    plan = conf.create_plan(agency=a, year=2018, by=sec, signer=cast.deputy, signer_authority="KT.")
    plan = conf.issue_plan(plan=plan, issued_on=datetime.date(2018, 1, 3), number=9, by=sec)
    june = conf.plan_conference(
        agency=a,
        plan=plan,
        kind=Kind.MID_YEAR,
        combined_with=CombinedWith.SIX_MONTH_REVIEW,
        title="Hội nghị đối thoại 6 tháng đầu năm 2018",
        starts_at=aware(2018, 6, 28, 8),
        place="Hội trường",
        by=sec,
    )
    december = conf.plan_conference(
        agency=a,
        plan=plan,
        kind=Kind.YEAR_END,
        title="Hội nghị đối thoại cuối năm 2018",
        starts_at=aware(2018, 12, 14, 8),
        place="Hội trường",
        by=sec,
    )
    at(2018, 5, 14, 9)
    topics = ["che-do-tien-luong", "dao-tao-boi-duong", "dieu-kien-lam-viec", "to-cao", "khieu-nai"]
    p = {}
    for n, code in enumerate(topics, start=1):
        p[n] = pet.submit_petition(
            agency=a,
            title=f"Kiến nghị số {n}",
            content=f"Nội dung kiến nghị số {n}.",
            topic=cast.topic(code),
            by=cast.staff if n != 4 else cast.staff2,
            privacy="confidential" if n == 4 else "public",
        )
    at(2018, 5, 21, 9)
    for n in (1, 2, 3, 4):
        unit = cast.other_unit if n == 4 else cast.unit
        pet.receive_petition(
            petition=p[n], topic=cast.topic(topics[n - 1]), by=sec, concerned_unit=unit
        )
    pet.reject_petition(petition=p[5], reason="Không thuộc thẩm quyền.", by=sec)
    at(2018, 6, 18, 9)
    pet.schedule_petitions(conference=june, petitions=[p[1], p[2], p[3], p[4]], by=sec)
    conf.send_compilation(conference=june, by=sec)
    at(2018, 6, 28, 8, 30)
    conf.open_conference(conference=june, by=head, attendance="Toàn thể CCVC.", secretary=sec)
    conf.record_statement(
        conference=june, petition=p[1], speaker=cast.staff, by=sec, text="Đề nghị trả lời sớm."
    )
    conf.record_statement(
        conference=june, petition=p[4], speaker=cast.staff2, by=sec, text="Tôi xin nói thêm."
    )
    fu.answer_petition(petition=p[1], by=head, text="Đã giải quyết.")
    fu.commit_answer(petition=p[2], promised_on=datetime.date(2018, 7, 31), form="written", by=head)
    fu.assign_petition(petition=p[3], unit=cast.unit, by=head, instructions="Sửa điều hòa.")
    fu.assign_petition(petition=p[4], unit=cast.other_unit, by=head)
    conf.close_conference(conference=june, by=head, conclusion="Chủ trì kết luận các nội dung.")
    at(2018, 7, 2, 9)
    conf.draft_notice(conference=june, by=sec, text="Kết luận của Chánh Văn phòng.")
    notice = conf.issue_notice(conference=june, by=head, issued_on=datetime.date(2018, 7, 2))
    at(2018, 7, 5, 9)  # due 12/7: on time
    fu.report_resolution(assignment=p[3].assignments.get(), by=cast.leader, text="Đã sửa.")
    fu.accept_resolution(assignment=p[3].assignments.get(), by=head, answer_text="Đã sửa xong.")
    at(2018, 7, 20, 9)
    fu.answer_petition(petition=p[2], by=head, text="Đã có chỉ tiêu đào tạo.")
    at(2018, 7, 25, 9)  # due 12/7: late
    fu.report_resolution(
        assignment=p[4].assignments.get(), by=cast.other_leader, text="Đã xác minh."
    )
    return SimpleNamespace(plan=plan, june=june, december=december, notice=notice, p=p)
