"""The seed's main path end to end in a real browser: a staff member submits, the secretariat
receives, schedules and sends the compilation, the head runs the conference and assigns, the
notice is issued, the unit reports, the head accepts and answers, the staff member reads the
answer, and the inspection board sees the audit trail verified."""

import pytest
from django.utils import timezone

from doithoai.audit.log import verify
from doithoai.followups.models import Assignment
from doithoai.petitions.models import Petition, Status
from doithoai.testing.browser import login, logout, shot

pytestmark = pytest.mark.browser

TITLE = "Đề nghị hỗ trợ kinh phí học thạc sĩ"
ANSWER = "Cơ quan hỗ trợ 50% học phí theo quy chế chi tiêu nội bộ từ năm học tới."


def test_the_main_path_of_the_seed(page, live_server, cast):
    base = live_server.url
    today = timezone.localdate().strftime("%d/%m/%Y")

    # The head schedules an ad hoc conference today.
    login(page, live_server, cast.head)
    page.click("nav a:has-text('Hội nghị')")
    page.click("a:has-text('Lên lịch hội nghị')")
    page.select_option("#id_kind", "ad_hoc")
    page.fill("#id_title", "Hội nghị đối thoại trực tiếp với CCVC")
    page.fill("#id_starts_on", today)
    page.fill("#id_starts_time", "08:00")
    page.fill("#id_place", "Hội trường tầng 2")
    shot(page, "main-01-head-schedules")
    page.click("button:has-text('Lên lịch')")
    page.wait_for_selector("h1:has-text('Hội nghị đối thoại trực tiếp với CCVC')")
    conference_url = page.url
    logout(page)

    # A staff member submits.
    login(page, live_server, cast.staff)
    page.click("nav a:has-text('Gửi kiến nghị')")
    page.fill("#id_title", TITLE)
    page.fill("#id_content", "Đề nghị cơ quan hỗ trợ kinh phí cho công chức đi học thạc sĩ.")
    page.select_option("#id_topic", index=2)
    shot(page, "main-02-staff-submits")
    page.click("#submit-button")
    page.wait_for_selector(f"h1:has-text('{TITLE}')")
    petition = Petition.objects.get(title=TITLE)
    logout(page)

    # The secretariat receives, schedules and sends the compiled list.
    login(page, live_server, cast.secretariat)
    page.click("nav a:has-text('Tiếp nhận')")
    page.click(f"text={TITLE}")
    page.select_option("#id_topic", index=2)
    page.click("button:has-text('Tiếp nhận')")
    page.wait_for_selector(".msg-success")
    page.click("nav a:has-text('Đưa vào hội nghị')")
    page.select_option("#id_conference", label="Hội nghị đối thoại trực tiếp với CCVC")
    page.check(f"input[name=petitions][value='{petition.pk}']")
    page.click("button:has-text('Đưa vào hội nghị')")
    page.wait_for_selector("h1:has-text('Tổng hợp kiến nghị')")
    shot(page, "main-03-secretariat-compilation")
    page.click("button:has-text('Gửi tổng hợp')")
    page.wait_for_selector(".msg-success")
    logout(page)

    # The head reads the compiled list, opens, hears the item and assigns it to a unit.
    login(page, live_server, cast.head)
    page.goto(conference_url)
    page.wait_for_selector(f"#h-compiled ~ ul :text('{TITLE}')")
    shot(page, "main-04-head-compiled-list")
    page.select_option("#id_secretary", str(cast.secretariat.pk))  # the minutes' secretary
    page.fill("#id_civil_servants_present", "12")
    page.click("button:has-text('Khai mạc')")
    page.click(f"#order a:has-text('{TITLE}')")
    page.wait_for_selector(f"#h-item:has-text('{TITLE}')")
    page.select_option("#id_st-speaker", str(cast.staff.pk))
    page.fill("#id_st-text", "Đề nghị hỗ trợ vì học thạc sĩ phục vụ công việc.")
    page.click("button:has-text('Ghi phát biểu')")
    page.wait_for_selector("text=phục vụ công việc")
    page.click("summary:has-text('Giao đơn vị xử lý')")
    page.select_option("#id_as-unit", str(cast.unit.pk))
    page.fill("#id_as-instructions", "Phòng Tổng hợp rà soát quy chế, đề xuất mức hỗ trợ.")
    page.click("button:has-text('Giao xử lý')")
    page.wait_for_selector("#h-item ~ p .badge:has-text('Giao đơn vị')")
    shot(page, "main-05-head-assigns")
    page.fill("#id_conclusion", "Giao Phòng Tổng hợp đề xuất mức hỗ trợ học thạc sĩ.")
    page.click("button:has-text('Bế mạc')")
    page.wait_for_selector("#h-outcome")
    logout(page)

    # The secretariat drafts the notice; the head approves and issues it.
    login(page, live_server, cast.secretariat)
    page.goto(conference_url)
    page.click("button:has-text('Lưu dự thảo')")
    page.wait_for_selector(".msg-success")
    logout(page)
    login(page, live_server, cast.head)
    page.goto(conference_url)
    page.fill("#id_issued_on", today)
    page.click("button:has-text('Duyệt và ban hành')")
    page.wait_for_selector(".msg-success:has-text('Đã ban hành thông báo kết luận')")
    shot(page, "main-06-head-issues-notice")
    logout(page)
    assignment = Assignment.objects.get(petition=petition)
    assert assignment.due_date is not None  # the 7 working days started with the notice

    # The unit reports its resolution.
    login(page, live_server, cast.leader)
    page.click("nav a:has-text('Đơn vị xử lý')")
    page.click(f"text={TITLE}")
    shot(page, "main-07-leader-assignment")
    page.fill("#id_text", "Đề xuất hỗ trợ 50% học phí theo quy chế chi tiêu nội bộ.")
    page.click("button:has-text('Gửi báo cáo')")
    page.wait_for_selector(".msg-success")
    logout(page)

    # The head accepts and answers the petitioner.
    login(page, live_server, cast.head)
    page.goto(f"{base}/xu-ly/cho-quyet-dinh/")
    page.click(f"text={TITLE}")
    page.fill("#id_answer_text", ANSWER)
    shot(page, "main-08-head-accepts")
    page.click("button:has-text('Chấp nhận và trả lời')")
    page.wait_for_selector(".msg-success")
    logout(page)
    petition.refresh_from_db()
    assert petition.status == Status.ANSWERED

    # The staff member reads the answer.
    login(page, live_server, cast.staff)
    page.click("nav a:has-text('Kiến nghị của tôi')")
    page.click(f"text={TITLE}")
    page.wait_for_selector(f"text={ANSWER}")
    shot(page, "main-09-staff-reads-answer")
    logout(page)

    # The inspection board sees the audit trail verified.
    login(page, live_server, cast.inspector)
    page.goto(f"{base}/giam-sat/kien-nghi/{petition.pk}/")
    status = page.locator("#chain-status")
    assert status.get_attribute("data-verified") == "true"
    verbs = page.locator(".timeline li strong").all_inner_texts()
    for verb in (
        "Gửi kiến nghị",
        "Tiếp nhận, phân loại",
        "Đưa vào hội nghị",
        "Giao đơn vị xử lý",
        "Báo cáo kết quả xử lý",
        "Chấp nhận kết quả xử lý",
    ):
        assert verb in verbs, (verb, verbs)
    shot(page, "main-10-board-audit-verified")
    assert all(report.ok for report in verify(cast.agency))
