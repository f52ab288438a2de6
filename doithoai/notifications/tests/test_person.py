"""For the person: preferences, the digest, e-mail sent once, the list by day, the head's
recommendations."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from doithoai.core.errors import ValidationFailed
from doithoai.notifications import actions
from doithoai.notifications.models import Delivery, Notification
from doithoai.notifications.tasks import send_notification_email
from doithoai.testing import factories as f

pytestmark = pytest.mark.django_db


def _event_notice(cast, user, text="Kiến nghị KN-1 đã được trả lời"):
    return actions.notify([user], text=text, link="/kien-nghi/1/", agency=cast.agency, event="x")


def test_in_app_only_sends_no_mail_but_reminders_still_go(cast, django_capture_on_commit_callbacks):
    actions.set_delivery(delivery=Delivery.IN_APP, by=cast.staff)
    with django_capture_on_commit_callbacks(execute=True):
        _event_notice(cast, cast.staff)
    assert mail.outbox == [] and Notification.objects.filter(recipient=cast.staff).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        actions.notify(
            [cast.staff], text="Sắp đến hạn", agency=cast.agency, kind="deadline.due_soon"
        )
    assert len(mail.outbox) == 1


def test_digest_gathers_the_day_in_one_mail(cast, django_capture_on_commit_callbacks):
    actions.set_delivery(delivery=Delivery.DIGEST, by=cast.staff)
    with django_capture_on_commit_callbacks(execute=True):
        _event_notice(cast, cast.staff, "Thông báo A")
        _event_notice(cast, cast.staff, "Thông báo B")
    assert mail.outbox == []
    out = StringIO()
    call_command("remind", "--date", "2018-06-27", stdout=out)
    assert "1 thư tổng hợp" in out.getvalue()
    (message,) = mail.outbox
    assert "Thông báo A" in message.body and "Thông báo B" in message.body
    assert message.subject.startswith("[Văn phòng UBND tỉnh Hà Giang]")
    call_command("remind", "--date", "2018-06-28", stdout=StringIO())
    assert len(mail.outbox) == 1  # nothing twice


def test_a_bad_choice_is_refused(cast):
    with pytest.raises(ValidationFailed):
        actions.set_delivery(delivery="sms", by=cast.staff)


def test_a_repeated_mail_task_sends_nothing_twice(cast):
    (row,) = _event_notice(cast, cast.staff)
    assert send_notification_email.call(notification_id=row.pk) == 1
    assert send_notification_email.call(notification_id=row.pk) == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_event_mail_goes_out_through_the_database_worker(settings, time_machine):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    settings.SITE_URL = "https://doithoai.example.vn"
    f.freeze(time_machine)
    cast = f.Cast()
    petition = f.received(cast)
    assert mail.outbox == []
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())
    (message,) = [m for m in mail.outbox if m.to == [cast.staff.email]]
    assert petition.code in message.subject
    assert f"https://doithoai.example.vn/kien-nghi/{petition.pk}/" in message.body
    assert Notification.objects.get(recipient=cast.staff).emailed_at is not None


def test_profile_page_saves_the_choice(client, cast):
    client.force_login(cast.staff)
    assert "Cách nhận thông báo" in client.get("/thong-bao/ca-nhan/").content.decode()
    response = client.post("/thong-bao/ca-nhan/", {"delivery": "digest"})
    assert response.status_code == 302
    assert cast.staff.notification_preference.delivery == "digest"
    assert client.post("/thong-bao/ca-nhan/", {"delivery": "sms"}).status_code == 400


def test_list_groups_by_day(client, cast, time_machine):
    f.freeze(time_machine, f.aware(2018, 6, 19, 9))
    _event_notice(cast, cast.staff, "Hôm qua")
    f.freeze(time_machine, f.aware(2018, 6, 20, 9))
    _event_notice(cast, cast.staff, "Hôm nay")
    client.force_login(cast.staff)
    html = client.get("/thong-bao/").content.decode()
    assert html.index("20/06/2018") < html.index("Hôm nay") < html.index("19/06/2018")
    assert html.index("19/06/2018") < html.index("Hôm qua")


def test_head_sees_unanswered_recommendations_in_menu_and_home(client, cast, seed_day):
    from doithoai.oversight.actions import answer_observation, record_observation

    obs = record_observation(
        agency=cast.agency, kind="recommendation", text="Chậm công khai trả lời.", by=cast.inspector
    )
    client.force_login(cast.head)
    html = client.get("/").content.decode()
    assert "Chậm công khai trả lời." in html and "Ý kiến giám sát (1)" in html
    client.force_login(cast.staff)
    assert "Chậm công khai trả lời." not in client.get("/").content.decode()
    answer_observation(observation=obs, text="Đã chấn chỉnh.", by=cast.head)
    client.force_login(cast.head)
    html = client.get("/").content.decode()
    assert "Chậm công khai trả lời." not in html and "Ý kiến giám sát (1)" not in html
