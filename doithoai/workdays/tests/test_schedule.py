"""The stored official schedule: shipped data, cached loader, audited edits, the admin."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from doithoai.audit.models import AuditEvent, Verb
from doithoai.core.errors import PermissionRefused, ValidationFailed
from doithoai.workdays import actions, loader
from doithoai.workdays.calendar import WorkCalendar, get_calendar
from doithoai.workdays.models import OfficialScheduleEntry
from doithoai.workdays.official import OFFICIAL_CORRECTIONS

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def fresh_cache():
    loader.clear()
    yield
    loader.clear()


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser("root", "root@example.vn", "x")


def test_shipped_rows_match_the_pure_corrections():
    stored = [e.as_correction() for e in OfficialScheduleEntry.objects.order_by("date")]
    assert stored == sorted(OFFICIAL_CORRECTIONS, key=lambda c: c.date)
    pure = WorkCalendar(OFFICIAL_CORRECTIONS)
    for year in (2025, 2026):
        assert [(s.date, s.kind) for s in get_calendar().special_days(year)] == [
            (s.date, s.kind) for s in pure.special_days(year)
        ]
    assert not get_calendar().is_working_day(D(2026, 1, 2))
    assert get_calendar().is_working_day(D(2026, 1, 10))


def test_calendar_is_cached_and_rebuilt_when_an_entry_changes(superuser):
    first = get_calendar()
    with CaptureQueriesContext(connection) as queries:
        assert get_calendar() is first
    assert len(queries) == 0
    entry = OfficialScheduleEntry(
        date=D(2027, 2, 3), kind="day_off", name="Nghỉ Tết (thử)", source="Văn bản thử"
    )
    actions.save_schedule_entry(entry=entry, by=superuser)
    second = get_calendar()
    assert second is not first
    assert not second.is_working_day(D(2027, 2, 3))
    actions.delete_schedule_entry(entry=entry, by=superuser)
    assert get_calendar().is_working_day(D(2027, 2, 3))


def test_another_process_change_is_seen_at_the_next_request(client):
    first = get_calendar()
    # A change made elsewhere (a bulk update does not send signals).
    OfficialScheduleEntry.objects.filter(date=D(2026, 1, 2)).update(
        kind="working_day", updated_at=timezone.now()
    )
    assert get_calendar() is first
    client.get("/")  # request_started: recheck the version once
    assert get_calendar() is not first


def test_saving_is_audited(superuser):
    entry = OfficialScheduleEntry.objects.get(date=D(2026, 11, 24))
    entry.kind = "day_off"
    actions.save_schedule_entry(entry=entry, by=superuser)
    event = AuditEvent.objects.filter(verb=Verb.CALENDAR_CHANGED).latest("id")
    assert event.before["kind"] == "working_day" and event.after["kind"] == "day_off"
    assert event.actor == superuser


def test_editing_is_refused_to_ordinary_users():
    user = get_user_model().objects.create_user("nv", password="x")
    entry = OfficialScheduleEntry(date=D(2027, 1, 4), kind="day_off", name="X", source="Y")
    with pytest.raises(PermissionRefused):
        actions.save_schedule_entry(entry=entry, by=user)
    assert not OfficialScheduleEntry.objects.filter(date=D(2027, 1, 4)).exists()


def test_out_of_range_dates_are_refused(superuser):
    entry = OfficialScheduleEntry(date=D(2101, 1, 3), kind="day_off", name="X", source="Y")
    with pytest.raises(ValidationFailed):
        actions.save_schedule_entry(entry=entry, by=superuser)


def test_admin_adds_an_entry_through_the_action(client, superuser):
    client.force_login(superuser)
    assert client.get("/admin/workdays/officialscheduleentry/").status_code == 200
    response = client.post(
        "/admin/workdays/officialscheduleentry/add/",
        {
            "date": "2027-02-04",
            "kind": "day_off",
            "name": "Nghỉ Tết Nguyên đán",
            "source": "Thông báo thử",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    entry = OfficialScheduleEntry.objects.get(date=D(2027, 2, 4))
    assert entry.year == 2027
    assert AuditEvent.objects.filter(verb=Verb.CALENDAR_CHANGED, object_id=str(entry.pk)).exists()
