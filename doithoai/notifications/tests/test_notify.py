"""notify(): in-app rows, de-duplication, e-mail after commit; the notifications page."""

import pytest
from django.core import mail

from doithoai.core import events
from doithoai.core.errors import PermissionRefused
from doithoai.notifications import actions, services
from doithoai.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_notify_writes_rows_and_mails_after_commit(
    cast, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "http://testserver/"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        rows = actions.notify(
            [cast.head, cast.secretariat, cast.head],
            text="Sắp đến hạn: Thông báo kết luận",
            link="/thoi-han/",
            agency=cast.agency,
        )
    # Two e-mails, and one renewal of the recipients' cached pages (their unread count).
    assert len(rows) == 2 and len(callbacks) == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted([cast.head.email, cast.secretariat.email])
    message = mail.outbox[0]
    assert message.subject == "[Văn phòng UBND tỉnh Hà Giang] Sắp đến hạn: Thông báo kết luận"
    assert "http://testserver/thoi-han/" in message.body and "Văn phòng UBND" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and 'href="http://testserver/thoi-han/"' in html


def test_nothing_is_mailed_when_the_action_rolls_back(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.notify([cast.head], text="X", agency=cast.agency)
    assert len(callbacks) == 2 and mail.outbox == []  # only runs on commit


def test_dedupe_key_sends_once(cast):
    for _ in range(2):
        actions.notify([cast.head], text="Một lần", agency=cast.agency, dedupe_key="k1")
    assert Notification.objects.filter(recipient=cast.head, dedupe_key="k1").count() == 1


def test_an_event_published_below_reaches_the_notifications_app(cast):
    """Urging is published by the follow-up app (a layer below) and notifies the leaders."""
    from doithoai.followups.actions import urge_assignment
    from doithoai.testing.factories import assigned

    _petition, assignment = assigned(cast)
    urge_assignment(assignment=assignment, message="Báo cáo", by=cast.secretariat)
    row = Notification.objects.get(recipient=cast.leader, event="assignment_urged")
    assert row.body == "Báo cáo" and row.text.startswith("Đôn đốc báo cáo kết quả xử lý")
    assert Notification.objects.filter(recipient=cast.secretariat).count() == 0


def test_a_subscriber_runs_inside_the_publishing_transaction(cast):
    """What a subscriber writes rolls back with the action that published the event."""
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        events.publish(
            "assignment_urged",
            agency=cast.agency,
            by=cast.secretariat,
            assignment=None,
            recipients=[cast.leader],
            title="Đôn đốc",
            body="",
        )
        assert Notification.objects.filter(recipient=cast.leader).count() == 1
        raise RuntimeError("the action fails after publishing")
    assert Notification.objects.filter(recipient=cast.leader).count() == 0


def test_unread_count_and_marking_read(cast):
    rows = actions.notify([cast.staff], text="A", agency=cast.agency) + actions.notify(
        [cast.staff], text="B", agency=cast.agency
    )
    assert services.unread_count(cast.staff) == 2
    actions.mark_read(notification=rows[0], by=cast.staff)
    assert services.unread_count(cast.staff) == 1
    with pytest.raises(PermissionRefused):
        actions.mark_read(notification=rows[1], by=cast.head)
    assert actions.mark_all_read(by=cast.staff) == 1
    assert services.unread_count(cast.staff) == 0


def test_page_lists_and_marks_read(client, cast):
    row = actions.notify(
        [cast.staff], text="Quá hạn: báo cáo", link="/thoi-han/", agency=cast.agency
    )[0]
    other = actions.notify([cast.head], text="Riêng của người khác", agency=cast.agency)[0]
    client.force_login(cast.staff)
    html = client.get("/thong-bao/").content.decode()
    assert "Quá hạn: báo cáo" in html and "Riêng của người khác" not in html
    response = client.post(f"/thong-bao/{row.pk}/da-doc/", {"follow": "1"})
    assert response.status_code == 302 and response["Location"] == "/thoi-han/"
    row.refresh_from_db()
    assert row.read_at is not None
    assert client.post(f"/thong-bao/{other.pk}/da-doc/").status_code == 404
    assert client.get(f"/thong-bao/{row.pk}/da-doc/").status_code == 405


def test_page_needs_login(client, db):
    assert client.get("/thong-bao/").status_code == 302
