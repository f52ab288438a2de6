"""One deadline everywhere: the page, the notice (DOCX), the API and the notifications show the
stored deadline's due date, never one recomputed from today's calendar or rules.

An assignment of a conference held 20/06/2018 (notice the same day) is due 29/06/2018 (07
working days). Then 25/06/2018 becomes a day off and the agency's limit becomes 10 days: the
stored deadline does not move, so every surface keeps 29/06/2018 (a recomputing one would say
02/07/2018 or later). Once the deadline is recomputed on purpose, every surface shows the new
stored date.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from doithoai.conferences import actions as conf
from doithoai.deadlines import actions as deadlines
from doithoai.deadlines.display import stored
from doithoai.documents import service
from doithoai.documents.tests.helpers import full_text, open_docx
from doithoai.followups import actions as fu
from doithoai.notifications import reminders
from doithoai.notifications.models import Notification
from doithoai.testing.factories import in_conference
from doithoai.workdays import actions as workdays
from doithoai.workdays import loader
from doithoai.workdays.models import OfficialScheduleEntry

pytestmark = pytest.mark.usefixtures("seed_day")

STORED = datetime.date(2018, 6, 29)
HOLIDAY = datetime.date(2018, 6, 25)
RECOUNTED = datetime.date(2018, 7, 2)


@pytest.fixture(autouse=True)
def _fresh_calendar():
    # The calendar is cached per process; the test's day off must not outlive its rollback.
    loader.clear()
    yield
    loader.clear()


@pytest.fixture
def assignment(cast):
    petition = in_conference(cast)
    conference = petition.conference
    made = fu.assign_petition(petition=petition, unit=cast.unit, by=cast.head)
    conf.close_conference(conference=conference, conclusion="Kết luận.", by=cast.head)
    conf.draft_notice(conference=conference, text="Thông báo kết luận.", by=cast.secretariat)
    conf.issue_notice(conference=conference, by=cast.head)
    made.refresh_from_db()
    assert stored(made, "resolution").due_date == made.due_date == STORED
    return made


def _change_calendar_and_rules(cast):
    root = get_user_model().objects.create_superuser("root", "root@example.vn", "x")
    workdays.save_schedule_entry(
        entry=OfficialScheduleEntry(
            date=HOLIDAY, kind="day_off", name="Nghỉ bù (thử)", source="Văn bản thử"
        ),
        by=root,
    )
    deadlines.update_rules(
        agency=cast.agency, changes={"resolution_working_days": 10}, by=cast.admin
    )


def _recompute(cast, assignment):
    deadlines.recompute_deadline(
        stored(assignment, "resolution"), by=cast.secretariat, reason="Lịch nghỉ bù mới."
    )
    assert stored(assignment, "resolution").due_date == RECOUNTED


def vn(day):
    return day.strftime("%d/%m/%Y")


def _page(client, cast, assignment):
    client.force_login(cast.leader)
    return client.get(reverse("followups:assignment", args=[assignment.pk])).content.decode()


def _docx(assignment):
    notice = assignment.conference.notice
    return full_text(open_docx(service.render("notice", notice, "docx").content))


def _api(client, cast, assignment):
    from doithoai.api.tests.conftest import ApiCaller

    rows = ApiCaller(client, cast).get(cast.leader, "/assignments/").json()["results"]
    return next(r["due_date"] for r in rows if r["id"] == assignment.pk)


def _reminder(assignment, day):
    Notification.objects.all().delete()
    reminders.run(day)
    return " ".join(Notification.objects.values_list("text", flat=True))


def test_the_page_shows_the_stored_date(client, cast, assignment):
    _change_calendar_and_rules(cast)
    page = _page(client, cast, assignment)
    assert vn(STORED) in page and vn(RECOUNTED) not in page
    _recompute(cast, assignment)
    page = _page(client, cast, assignment)
    assert vn(RECOUNTED) in page and vn(STORED) not in page


def test_the_how_computed_panel_reads_in_vietnamese(client, cast, assignment):
    page = _page(client, cast, assignment)
    assert "Cách tính" in page and "Quy định áp dụng" in page
    for raw in ("working_days", "rule_text", "skipped", "due_text", "start_date"):
        assert raw not in page


def test_the_notice_document_shows_the_stored_date_and_limit(cast, assignment):
    _change_calendar_and_rules(cast)
    text = _docx(assignment)
    assert "hạn báo cáo ngày 29/6/2018" in text
    assert "chậm nhất 07 ngày làm việc" in text and "10 ngày làm việc" not in text
    _recompute(cast, assignment)
    assert "hạn báo cáo ngày 02/7/2018" in _docx(assignment)


def test_the_api_shows_the_stored_date(client, cast, assignment):
    _change_calendar_and_rules(cast)
    assert _api(client, cast, assignment) == STORED.isoformat()
    _recompute(cast, assignment)
    assert _api(client, cast, assignment) == RECOUNTED.isoformat()


def test_the_notifications_show_the_stored_date(cast, assignment):
    _change_calendar_and_rules(cast)
    # On the stored due date itself, the reminder names it (a recount would name 02/07).
    text = _reminder(assignment, STORED)
    assert vn(STORED) in text and vn(RECOUNTED) not in text
    _recompute(cast, assignment)
    text = _reminder(assignment, RECOUNTED)
    assert vn(RECOUNTED) in text
