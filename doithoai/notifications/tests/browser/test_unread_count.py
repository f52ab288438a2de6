"""The head sees the unread count in the header rise when the secretariat sends the list."""

import pytest
from django.utils import timezone

from doithoai.notifications.models import Notification
from doithoai.testing import factories as f
from doithoai.testing.browser import login, shot

pytestmark = pytest.mark.browser


def _count(page) -> int:
    badge = page.locator("header a.notif .count")
    return int(badge.inner_text()) if badge.count() else 0


def test_head_sees_the_unread_count_rise_after_the_list_is_sent(page, browser, live_server, cast):
    conference = f.ad_hoc_conference(
        cast, starts_at=timezone.localtime() + timezone.timedelta(days=10)
    )
    f.scheduled(cast, conference)
    Notification.objects.filter(recipient=cast.head).update(read_at=timezone.now())
    login(page, live_server, cast.head)
    before = _count(page)
    assert before == 0

    context = browser.new_context(locale="vi-VN")
    secretariat = context.new_page()
    login(secretariat, live_server, cast.secretariat)
    secretariat.goto(f"{live_server.url}/hoi-nghi/tong-hop/{conference.pk}/")
    secretariat.click("button:has-text('Gửi tổng hợp')")
    secretariat.wait_for_load_state()
    context.close()

    page.reload()
    assert _count(page) == before + 1
    page.click("header a.notif")
    page.wait_for_url(f"{live_server.url}/thong-bao/")
    assert page.locator("li.unread", has_text=conference.title).count() == 1
    shot(page, "head-notified-of-compiled-list")
