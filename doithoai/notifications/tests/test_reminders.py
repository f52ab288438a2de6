"""The daily reminder pass: when, to whom, once only; e-mail through the task worker."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from doithoai.deadlines import actions as deadlines
from doithoai.deadlines.models import Kind
from doithoai.notifications import reminders
from doithoai.notifications.models import Notification, Reminder
from doithoai.testing import factories as f

D = datetime.date
pytestmark = pytest.mark.django_db


def resolution(cast, *, unit=None, start=D(2018, 6, 20), responsible_user=None):  # noqa: B008
    _petition, assignment = f.assigned(cast, unit=unit or cast.unit)
    deadlines.cancel_deadlines(subject=assignment, by=cast.head, reason="Đặt lại cho phép thử.")
    return deadlines.open_deadline(
        kind=Kind.RESOLUTION,
        subject=assignment,
        agency=cast.agency,
        start=start,
        by=cast.head,
        petition=assignment.petition,
        unit=unit or cast.unit,
        responsible_user=responsible_user,
    )


def recipients_of(deadline):
    return set(
        Notification.objects.filter(deadline=deadline).values_list("recipient__username", flat=True)
    )


def test_due_soon_reminds_the_unit_leaders_two_working_days_before(cast, seed_day):
    deadline = resolution(cast)  # due Friday 29/06/2018
    assert reminders.run(D(2018, 6, 26)).due_soon == 0  # 3 working days left
    result = reminders.run(D(2018, 6, 27))  # 2 left
    assert result.due_soon == 1
    assert recipients_of(deadline) == {"leader"}


def test_responsible_user_comes_first(cast, seed_day):
    deadline = resolution(cast, responsible_user=cast.deputy)
    reminders.run(D(2018, 6, 27))
    assert recipients_of(deadline) == {"deputy"}


def test_secretariat_when_nobody_else(cast, seed_day):
    deadline = resolution(cast, unit=cast.hctc)  # HC-TC has no unit leader in the cast
    reminders.run(D(2018, 6, 27))
    assert recipients_of(deadline) == {"sec"}


def test_overdue_tells_the_actor_and_the_secretariat(cast, seed_day):
    deadline = resolution(cast)
    result = reminders.run(D(2018, 7, 2))  # the Monday after the due date
    assert result.overdue == 1
    assert recipients_of(deadline) == {"leader", "sec"}
    texts = set(Notification.objects.filter(deadline=deadline).values_list("text", flat=True))
    assert any(t.startswith("Quá hạn") and "29/06/2018" in t for t in texts)


def test_long_overdue_deadlines_are_left_to_the_board(cast, seed_day):
    resolution(cast)
    assert reminders.run(D(2018, 7, 20)).overdue == 0


def test_running_twice_sends_nothing_twice(cast, seed_day):
    deadline = resolution(cast)
    first = reminders.run(D(2018, 6, 27))
    again = reminders.run(D(2018, 6, 27))
    weekend = reminders.run(D(2018, 6, 30))  # the next pass sees the deadline overdue
    assert first.notifications == 1 and again.notifications == 0 and again.skipped == 1
    assert weekend.overdue == 1
    assert reminders.run(D(2018, 7, 2)).overdue == 0
    assert Reminder.objects.filter(deadline=deadline).count() == 2
    assert Notification.objects.filter(deadline=deadline, recipient=cast.leader).count() == 2


def test_a_recomputed_due_date_is_reminded_again(cast, seed_day):
    from doithoai.workdays.models import OfficialScheduleEntry

    deadline = resolution(cast)
    reminders.run(D(2018, 6, 27))
    OfficialScheduleEntry.objects.create(
        date=D(2018, 6, 29), kind="day_off", name="Nghỉ", source="Thử"
    )
    deadlines.recompute_deadline(deadline, by=cast.secretariat, reason="Nghỉ 29/06.")
    assert reminders.run(D(2018, 6, 28)).due_soon == 1  # now due 02/07


def test_command_is_safe_to_run_twice_and_mails(cast, seed_day, django_capture_on_commit_callbacks):
    resolution(cast)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind", "--date", "2018-06-27", stdout=out)
        call_command("remind", "--date", "2018-06-27", stdout=out)
    lines = out.getvalue().splitlines()
    assert "nhắc trước hạn 1" in lines[0] and "nhắc trước hạn 0" in lines[2]
    # Each pass also anchors the audit chains; the second finds nothing new to anchor.
    assert "1 chuỗi được neo" in lines[1] and "0 chuỗi được neo" in lines[3]
    assert [m.to for m in mail.outbox] == [[cast.leader.email]]
    assert "29/06/2018" in mail.outbox[0].subject


def test_command_refuses_a_bad_date(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError) as caught:
        call_command("remind", "--date", "30/06/2018")
    assert caught.value.returncode == 2


@pytest.mark.django_db(transaction=True)
def test_email_goes_out_when_the_database_worker_runs(settings, time_machine):
    """End to end with the real backend: the pass commits, the task waits, the worker sends."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    from django_tasks_db.models import DBTaskResult

    f.freeze(time_machine)
    cast = f.Cast()
    resolution(cast)
    # The e-mails of the events that led here (received, assigned) go out first.
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())
    DBTaskResult.objects.all().delete()
    mail.outbox.clear()
    call_command("remind", "--date", "2018-06-27", stdout=StringIO())
    assert mail.outbox == []
    assert DBTaskResult.objects.count() == 1
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())
    assert [m.to for m in mail.outbox] == [[cast.leader.email]]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
