"""A report the province returns must be sent again within N working days (5 by default,
`REPORT_RESEND_WORKING_DAYS`): on the agency's board, in the province's table, reminded,
and met when the report is sent again."""

import datetime

import pytest
from django.urls import reverse

from doithoai.conferences import actions as conf
from doithoai.deadlines.models import Deadline
from doithoai.notifications import reminders
from doithoai.notifications.models import Notification
from doithoai.organizations.models import Role
from doithoai.reports import province as province_table
from doithoai.reports.actions import latest_submission, return_report, submit_report
from doithoai.testing import factories as f


@pytest.fixture
def returned(cast, time_machine):
    return _returned(cast, time_machine)


def _returned(cast, time_machine):
    """The office's semi-annual 2018 report, sent on 22/06 and returned on Wed 29/08/2018."""
    f.freeze(time_machine, f.aware(2018, 1, 3, 9))
    province = f.AgencyFactory(code="UBNDHG", name="UBND tỉnh Hà Giang")
    cast.agency.parent = province
    cast.agency.save(update_fields=["parent"])
    supervisor = f.member(province, Role.SUPERVISOR, username="tinh")
    plan = conf.create_plan(agency=cast.agency, year=2018, by=cast.secretariat)
    conf.issue_plan(plan=plan, issued_on=datetime.date(2018, 1, 3), by=cast.secretariat)
    f.freeze(time_machine, f.aware(2018, 6, 22, 9))
    submit_report(agency=cast.agency, year=2018, half=1, by=cast.secretariat)
    f.freeze(time_machine, f.aware(2018, 8, 29, 9))
    sent = latest_submission(cast.agency, 2018, 1)
    return_report(submission=sent, reason="Thiếu số liệu.", by=supervisor)
    return {"province": province, "supervisor": supervisor, "submission": sent}


def _resend(submission):
    return Deadline.objects.get(kind="report_resend", object_id=submission.pk)


def test_a_returned_report_is_due_again_in_five_working_days(cast, returned):
    deadline = _resend(returned["submission"])
    assert deadline.agency == cast.agency and deadline.status == "open"
    # Thu 30/08, Fri 31/08, (Sat 1, Sun 2, Mon 3/09 off: National Day moved), Tue 4, Wed 5, Thu 6.
    assert deadline.due_date == datetime.date(2018, 9, 6)
    assert deadline.days == 5 and "5 ngày làm việc" in deadline.rule


def test_the_limit_is_set_per_installation(cast, settings, time_machine):
    settings.REPORT_RESEND_WORKING_DAYS = 10
    world = _returned(cast, time_machine)
    # From 29/08/2018: 30, 31/08, 4, 5, 6, 7, 10, 11, 12, 13/09.
    assert _resend(world["submission"]).due_date == datetime.date(2018, 9, 13)


def test_sending_again_meets_the_deadline(cast, returned, time_machine):
    f.freeze(time_machine, f.aware(2018, 9, 7, 9))
    submit_report(agency=cast.agency, year=2018, half=1, by=cast.secretariat)
    deadline = _resend(returned["submission"])
    assert (deadline.status, deadline.completed_on) == ("met", datetime.date(2018, 9, 7))
    assert deadline.completed_late


def test_the_agency_board_shows_it_and_the_reminder_pass_chases_it(client, cast, returned):
    deadline = _resend(returned["submission"])
    client.force_login(cast.secretariat)
    board = client.get(reverse("deadlines:board"))
    assert deadline.pk in [row.deadline.pk for row in board.context["rows"]]
    assert "Gửi lại báo cáo bị trả lại" in board.content.decode()
    reminders.run(datetime.date(2018, 9, 7))
    told = Notification.objects.filter(recipient=cast.secretariat, deadline=deadline)
    assert told.filter(kind="deadline.overdue").exists()
    assert reminders.run(datetime.date(2018, 9, 7)).notifications == 0


def test_the_province_table_shows_returned_due_and_overdue_until_resent(
    cast, returned, time_machine
):
    row = next(
        r
        for r in province_table.rows(returned["province"], 2018, datetime.date(2018, 9, 6))
        if r.agency == cast.agency
    )
    half = row.half_year
    assert half["resend_due"] == datetime.date(2018, 9, 6) and not half["resend_overdue"]
    later = province_table.rows(returned["province"], 2018, datetime.date(2018, 9, 7))
    assert next(r for r in later if r.agency == cast.agency).half_year["resend_overdue"]
    f.freeze(time_machine, f.aware(2018, 9, 10, 9))
    submit_report(agency=cast.agency, year=2018, half=1, by=cast.secretariat)
    resent = province_table.rows(returned["province"], 2018, datetime.date(2018, 9, 10))
    half = next(r for r in resent if r.agency == cast.agency).half_year
    assert half["resend_due"] is None and not half["resend_overdue"]


def test_the_province_page_shows_the_resend_due_date(client, returned, time_machine):
    f.freeze(time_machine, f.aware(2018, 9, 7, 9))
    client.force_login(returned["supervisor"])
    page = client.get(reverse("reports:province", args=["UBNDHG"]), {"year": 2018}).content.decode()
    assert "Hạn gửi lại 06/09/2018" in page and "quá hạn gửi lại" in page
