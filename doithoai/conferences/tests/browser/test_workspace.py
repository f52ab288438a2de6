"""The head's conference path, the unit leader's report and the board's verified audit trail,
in a real browser, with screenshots."""

import datetime

import pytest
from django.utils import timezone

from doithoai.conferences.models import ConferenceStatus
from doithoai.deadlines.models import Deadline
from doithoai.followups.models import AssignmentStatus
from doithoai.oversight.models import Observation
from doithoai.testing import factories as f
from doithoai.testing.browser import login, shot

pytestmark = pytest.mark.browser


def _compiled_conference(cast, titles):
    from doithoai.conferences.actions import send_compilation

    conference = f.ad_hoc_conference(
        cast,
        starts_at=timezone.localtime().replace(hour=8, minute=0),
        title="Hội nghị đối thoại quý IV",
    )
    petitions = [f.scheduled(cast, conference, title=t, concerned_unit=cast.unit) for t in titles]
    send_compilation(conference=conference, by=cast.secretariat)
    return conference, petitions


def test_head_runs_the_conference(page, live_server, cast):
    conference, (p1, p2, p3) = _compiled_conference(
        cast,
        ["Đề nghị nâng bậc lương trước thời hạn", "Trang bị máy tính mới", "Chế độ công tác phí"],
    )
    login(page, live_server, cast.head)
    page.click("nav a:has-text('Hội nghị')")
    shot(page, "head-conference-list")
    page.click(f"text={conference.title}")
    page.wait_for_selector("#h-compiled")
    shot(page, "head-compiled-list")
    page.fill("#id_attendance", "Toàn thể CCVC và người lao động")
    page.select_option("#id_secretary", str(cast.secretariat.pk))  # the minutes' secretary
    page.click("button:has-text('Khai mạc')")
    page.wait_for_selector("#order")
    # Item 1: a statement, then a leader designated to answer (htmx, no reload).
    page.click(f"#order a:has-text('{p1.title}')")
    page.wait_for_selector(f"#h-item:has-text('{p1.title}')")
    page.select_option("#id_st-speaker", str(cast.staff.pk))
    page.fill("#id_st-text", "Tôi đủ điều kiện theo quy định.")
    page.click("button:has-text('Ghi phát biểu')")
    page.wait_for_selector("text=Tôi đủ điều kiện theo quy định.")
    page.select_option("#id_an-answerer", str(cast.leader.pk))
    page.fill("#id_an-text", "Phòng Tổng hợp sẽ rà soát và trình nâng lương quý I.")
    shot(page, "head-running-order")
    page.click("button:has-text('Ghi giải đáp')")
    page.wait_for_selector("#h-item ~ p .badge:has-text('Đã giải đáp')")
    # Item 2: a commitment; a date in the past is refused next to the field.
    page.click(f"#order a:has-text('{p2.title}')")
    page.wait_for_selector(f"#h-item:has-text('{p2.title}')")
    page.click("summary:has-text('Cam kết')")
    page.fill("#id_cm-promised_on", "01/01/2020")
    page.select_option("#id_cm-form", "written")
    page.click("button:has-text('Ghi cam kết')")
    page.wait_for_selector("#id_cm-promised_on_errors")
    shot(page, "head-commit-error")
    later = timezone.localdate() + datetime.timedelta(days=30)
    page.fill("#id_cm-promised_on", later.strftime("%d/%m/%Y"))
    page.click("button:has-text('Ghi cam kết')")
    page.wait_for_selector("#h-item ~ p .badge:has-text('Cam kết')")
    # Item 3: assigned to a unit for 7 working days.
    page.click(f"#order a:has-text('{p3.title}')")
    page.wait_for_selector(f"#h-item:has-text('{p3.title}')")
    page.click("summary:has-text('Giao đơn vị xử lý')")
    page.select_option("#id_as-unit", str(cast.unit.pk))
    page.click("button:has-text('Giao xử lý')")
    page.wait_for_selector("#h-item ~ p .badge:has-text('Giao đơn vị')")
    # A floor petition, answered at once.
    page.click("summary:has-text('Thêm kiến nghị nêu tại hội nghị')")
    page.fill("#id_fl-title", "Đề nghị bố trí chỗ để xe")
    page.fill("#id_fl-content", "Khu để xe chật, đề nghị bố trí thêm.")
    page.select_option("#id_fl-topic", index=3)
    page.select_option("#id_fl-submitter", str(cast.staff2.pk))
    page.click("button:has-text('Thêm vào chương trình')")
    page.wait_for_selector("#h-item:has-text('Đề nghị bố trí chỗ để xe')")
    page.fill("#id_an-text", "Văn phòng sẽ bố trí thêm khu để xe.")
    page.click("button:has-text('Ghi giải đáp')")
    page.wait_for_selector("#h-item ~ p .badge:has-text('Đã giải đáp')")
    page.fill("#id_conclusion", "Hội nghị thống nhất các nội dung đã giải đáp và giao xử lý.")
    shot(page, "head-before-close")
    page.click("button:has-text('Bế mạc')")
    page.wait_for_selector("#h-outcome")
    shot(page, "head-conference-closed")
    conference.refresh_from_db()
    assert conference.status == ConferenceStatus.CLOSED
    assert conference.agenda.count() == 4


def test_unit_leader_reports_the_resolution(page, live_server, cast, tmp_path):
    petition, assignment = f.assigned(cast, title="Đề nghị sửa chữa phòng làm việc")
    report = tmp_path / "bao-cao-ket-qua.pdf"
    report.write_bytes(b"%PDF-1.4 ket qua")
    login(page, live_server, cast.leader)
    page.click("nav a:has-text('Đơn vị xử lý')")
    page.wait_for_selector("#rows")
    shot(page, "leader-assignments")
    page.click(f"text={petition.title}")
    page.click("button:has-text('Gửi báo cáo')")
    page.wait_for_selector("#id_text_errors")
    page.fill("#id_text", "Đã sửa chữa xong phòng làm việc, nghiệm thu ngày hôm nay.")
    page.set_input_files("#id_attachments", str(report))
    shot(page, "leader-report-form")
    page.click("button:has-text('Gửi báo cáo')")
    page.wait_for_selector(".msg-success")
    shot(page, "leader-reported")
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.REPORTED
    assert assignment.attachments.get().original_name == "bao-cao-ket-qua.pdf"


def test_board_sees_the_audit_trail_verified(page, live_server, cast):
    petition = f.received(cast, privacy="confidential", title="Phản ánh về bình xét thi đua")
    login(page, live_server, cast.inspector)
    page.click("nav a:has-text('Giám sát')")
    page.wait_for_selector("#chain-status")
    shot(page, "board-home")
    page.click(".subnav a:has-text('Kiến nghị')")
    page.click(f"text={petition.title}")
    status = page.locator("#chain-status")
    assert status.get_attribute("data-verified") == "true"
    assert "Đã xác minh" in status.inner_text()
    assert cast.staff.get_full_name() not in page.content()
    shot(page, "board-audit-trail")
    page.check("input[name=kind][value=recommendation]")
    page.fill("#id_text", "Đề nghị bảo đảm bí mật danh tính người phản ánh.")
    page.click("button:has-text('Ghi ý kiến giám sát')")
    page.wait_for_selector(".msg-success")
    observation = Observation.objects.get()
    assert (observation.kind, observation.author, observation.petition) == (
        "recommendation",
        cast.inspector,
        petition,
    )
    assert observation.text == "Đề nghị bảo đảm bí mật danh tính người phản ánh."
    # The recommendation opens the head's 15-day answer (Law 10/2022 Art. 63).
    assert Deadline.objects.filter(kind="observation", status="open").count() == 1
