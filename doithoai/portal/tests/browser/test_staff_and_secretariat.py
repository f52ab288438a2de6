"""The staff and secretariat main paths in a real browser, with screenshots."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from doithoai.petitions.models import Petition
from doithoai.testing import factories as f
from doithoai.testing.browser import login, logout, shot

pytestmark = pytest.mark.browser


def test_staff_submits_sees_similar_and_follows(page, live_server, cast):
    existing = f.received(cast, title="Đề nghị nâng bậc lương trước thời hạn")
    login(page, live_server, cast.staff2)
    shot(page, "staff-home")
    page.click("nav a:has-text('Gửi kiến nghị')")
    page.fill("#id_title", "nang bac luong truoc thoi han")
    page.wait_for_selector(f"#similar-{existing.pk}")
    page.fill("#id_title", "Đề nghị nâng bậc lương trước thời hạn năm 2018")
    page.fill("#id_content", "Tôi đủ điều kiện nâng bậc lương trước thời hạn theo quy định.")
    page.select_option(
        "#id_topic",
        label="Tâm tư, nguyện vọng; chế độ, chính sách của CCVC và NLĐ — Chế độ tiền lương, phụ cấp",
    )
    page.wait_for_selector(f"#similar-{existing.pk}")
    shot(page, "staff-submit-similar")
    page.click("#submit-button")
    page.wait_for_selector("h1:has-text('năm 2018')")
    assert Petition.objects.filter(submitter=cast.staff2).count() == 1
    shot(page, "staff-petition-detail")
    page.click("nav a:has-text('Kiến nghị của tôi')")
    page.wait_for_selector("#f-q")
    page.fill("#f-q", "nam 2018")
    page.wait_for_url("**q=nam*")  # htmx pushes the filtered list's URL
    assert page.locator("#rows tbody tr").count() == 1
    shot(page, "staff-my-petitions")


def test_staff_anonymous_receipt_then_lookup(page, live_server, cast):
    login(page, live_server, cast.staff)
    page.goto(f"{live_server.url}/kien-nghi/gui/")
    page.fill("#id_title", "Góp ý về giờ làm việc")
    page.fill("#id_content", "Đề nghị điều chỉnh giờ làm việc mùa hè.")
    page.check("input[name=privacy][value=anonymous]")
    page.click("#submit-button")
    code = page.inner_text("#receipt-code").strip()
    assert code.startswith("AN-")
    shot(page, "staff-anonymous-receipt")
    page.reload()
    assert page.locator("#receipt-code").count() == 0
    logout(page)
    page.goto(f"{live_server.url}/tra-cuu/")
    page.fill("#id_code", code)
    page.click("button:has-text('Tra cứu')")
    page.wait_for_selector("text=Góp ý về giờ làm việc")
    shot(page, "public-receipt-lookup")


def test_staff_pages_on_a_phone(page, live_server, cast):
    f.submitted(cast)
    page.set_viewport_size({"width": 375, "height": 740})
    login(page, live_server, cast.staff)
    page.goto(f"{live_server.url}/kien-nghi/gui/")
    shot(page, "phone-submit")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways ({width}px)"


def test_secretariat_receives_schedules_and_sends(page, live_server, cast):
    from doithoai.conferences.actions import plan_conference
    from doithoai.conferences.models import Kind

    petition = f.submitted(cast, title="Đề nghị trang bị máy tính cho cán bộ")
    conference = plan_conference(
        agency=cast.agency,
        kind=Kind.AD_HOC,
        title="Hội nghị đối thoại đột xuất",
        starts_at=timezone.now() + datetime.timedelta(days=20),
        place="Phòng họp tầng 3",
        by=cast.secretariat,
    )
    login(page, live_server, cast.secretariat)
    shot(page, "secretariat-home")
    page.click("nav a:has-text('Tiếp nhận')")
    with page.expect_response(lambda r: "q=may" in r.url and r.ok):
        page.fill("#f-q", "may tinh can bo")
    expect(page.locator("#rows tbody tr")).to_have_count(1)
    shot(page, "secretariat-inbox")
    page.click(f"text={petition.title}")
    page.select_option("#id_topic", index=3)
    shot(page, "secretariat-manage")
    page.click("button:has-text('Tiếp nhận')")
    page.wait_for_selector(".msg-success")
    page.click("nav a:has-text('Đưa vào hội nghị')")
    page.select_option("#id_conference", str(conference.pk))
    page.check(f"input[name=petitions][value='{petition.pk}']")
    page.click("button:has-text('Đưa vào hội nghị')")
    page.wait_for_selector("h1:has-text('Tổng hợp kiến nghị')")
    shot(page, "secretariat-compilation")
    page.click("button:has-text('Gửi tổng hợp')")
    page.wait_for_selector(".msg-success")
    conference.refresh_from_db()
    assert conference.status == "compiled"


def test_page_weight_after_first_visit(page, live_server, cast):
    for i in range(30):
        f.submitted(cast, title=f"Kiến nghị số {i} về chế độ cán bộ")
    login(page, live_server, cast.secretariat)
    url = f"{live_server.url}/kien-nghi/tiep-nhan/"
    page.goto(url)
    page.goto(url)  # second visit: the stylesheet and htmx come from the cache
    total = page.evaluate(
        """() => performance.getEntriesByType('navigation').concat(
               performance.getEntriesByType('resource'))
             .reduce((sum, e) => sum + (e.transferSize || 0), 0)"""
    )
    print(f"inbox, second visit: {total} bytes transferred")
    assert total < 150_000
