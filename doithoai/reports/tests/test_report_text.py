"""The report's prose: written by the secretariat on the report page, audited, printed in the
report's sections, and frozen once the report is sent."""

import datetime

import pytest

from doithoai.audit.models import AuditEvent, Verb
from doithoai.conferences import actions as conf
from doithoai.core.errors import InvalidTransition, PermissionRefused, ValidationFailed
from doithoai.documents import service
from doithoai.documents.tests.helpers import open_docx, texts
from doithoai.reports.actions import save_report_text, submit_report
from doithoai.reports.models import ReportText
from doithoai.testing.factories import aware, freeze

SECTIONS = [
    "I. KẾT QUẢ THỰC HIỆN",
    "1. Tổ chức hội nghị đối thoại",
    "7. Đánh giá chung",
    "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
    "1. Tồn tại, hạn chế",
    "2. Nguyên nhân",
    "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2019",
    "IV. KIẾN NGHỊ, ĐỀ XUẤT",
    "Nơi nhận:",
]


@pytest.fixture
def plan(cast, time_machine):
    freeze(time_machine, aware(2018, 1, 3, 9))
    plan = conf.create_plan(agency=cast.agency, year=2018, by=cast.secretariat)
    return conf.issue_plan(plan=plan, issued_on=datetime.date(2018, 1, 3), by=cast.secretariat)


def report_lines(cast, half=None):
    return texts(
        open_docx(service.render("report", cast.agency, "docx", year=2018, half=half).content)
    )


def test_the_report_carries_the_sections_of_a_vietnamese_report(cast, plan):
    lines = report_lines(cast)
    assert [index_of_line(lines, s) for s in SECTIONS] == sorted(
        index_of_line(lines, s) for s in SECTIONS
    )
    # Before anyone writes, a draft from the figures prints: never a placeholder.
    assert "Không có kiến nghị, đề xuất." in lines


def index_of_line(lines, text):
    return next(i for i, line in enumerate(lines) if line == text or line.startswith(text))


def test_the_secretariat_writes_the_prose_and_the_report_prints_it(cast, plan):
    save_report_text(
        agency=cast.agency,
        year=2018,
        half=None,
        by=cast.secretariat,
        shortcomings="Một số đơn vị báo cáo chậm.",
        causes="Thiếu cán bộ chuyên trách.",
        directions="Tổ chức hội nghị đúng kế hoạch năm 2019.",
        recommendations="Đề nghị UBND tỉnh tập huấn nghiệp vụ.",
    )
    lines = report_lines(cast)
    assert lines[index_of_line(lines, "1. Tồn tại, hạn chế") + 1] == "Một số đơn vị báo cáo chậm."
    assert lines[index_of_line(lines, "2. Nguyên nhân") + 1] == "Thiếu cán bộ chuyên trách."
    assert "Đề nghị UBND tỉnh tập huấn nghiệp vụ." in lines
    event = AuditEvent.objects.filter(verb=Verb.REPORT_TEXT_SAVED).get()
    assert event.actor == cast.secretariat
    # The semi-annual report has its own prose.
    assert "Thiếu cán bộ chuyên trách." not in report_lines(cast, half=1)


@pytest.mark.parametrize("role", ["head", "staff", "inspector", "leader"])
def test_only_the_secretariat_writes_the_prose(cast, plan, role):
    with pytest.raises(PermissionRefused):
        save_report_text(
            agency=cast.agency, year=2018, half=None, by=getattr(cast, role), causes="X."
        )
    assert not ReportText.objects.exists()


def test_bad_year_or_part_is_refused(cast, plan):
    with pytest.raises(ValidationFailed):
        save_report_text(agency=cast.agency, year=99999, half=None, by=cast.secretariat)
    with pytest.raises(ValidationFailed):
        save_report_text(agency=cast.agency, year=2018, half=None, by=cast.secretariat, x="y")


def test_the_prose_freezes_when_the_report_is_sent(cast, plan, time_machine):
    save_report_text(agency=cast.agency, year=2018, half=1, by=cast.secretariat, causes="A.")
    freeze(time_machine, aware(2018, 6, 22, 9))
    submit_report(agency=cast.agency, year=2018, half=1, by=cast.secretariat, symbol="15/BC")
    with pytest.raises(InvalidTransition):
        save_report_text(agency=cast.agency, year=2018, half=1, by=cast.secretariat, causes="B.")
    assert ReportText.objects.get(period=1).causes == "A."


def test_the_report_page_saves_and_then_shows_the_sent_text(cast, plan, client, time_machine):
    url = f"/thong-ke/{cast.agency.code}/noi-dung-bao-cao/?year=2018&half=1"
    client.force_login(cast.head)
    assert client.post(url, {"causes": "Không được."}).status_code == 403
    client.force_login(cast.secretariat)
    page = client.get(f"/thong-ke/{cast.agency.code}/?year=2018&half=1").content.decode()
    assert 'name="causes"' in page
    assert client.post(url, {"causes": "Nguyên nhân đã soạn."}).status_code == 302
    assert ReportText.objects.get(period=1).causes == "Nguyên nhân đã soạn."
    freeze(time_machine, aware(2018, 6, 22, 9))
    submit_report(agency=cast.agency, year=2018, half=1, by=cast.secretariat)
    client.force_login(cast.secretariat)  # the session of January has expired by June
    page = client.get(f"/thong-ke/{cast.agency.code}/?year=2018&half=1").content.decode()
    assert 'name="causes"' not in page and "Nguyên nhân đã soạn." in page
    client.post(url, {"causes": "Sửa sau khi gửi."})
    assert ReportText.objects.get(period=1).causes == "Nguyên nhân đã soạn."
