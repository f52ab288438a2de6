"""Each generated DOCX, read back: components, order, fonts, sizes, margins, numbers."""

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from doithoai.conferences.models import SignerAuthority
from doithoai.documents import service
from doithoai.documents.context import signature, vn_date_words
from doithoai.reports import stats

from .helpers import find, full_text, index_of, open_docx, paragraphs, run_style, texts


def docx_of(kind, obj, **kw):
    return open_docx(service.render(kind, obj, "docx", **kw).content)


def test_plan_page_and_margins(world):
    section = docx_of("plan", world.plan).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25
    assert 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20
    # Page numbers in the header, not on the first page.
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_plan_header_components_fonts_and_sizes(world):
    doc = docx_of("plan", world.plan)
    names, sizes, bold, _italic, _u = run_style(find(doc, "UBND TỈNH HÀ GIANG"))
    assert names == {"Times New Roman"} and sizes == {13.0} and bold == {False}
    issuing = find(doc, "VĂN PHÒNG")  # "Văn phòng UBND tỉnh Hà Giang" under its parent
    assert run_style(issuing)[2] == {True}
    title = find(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert run_style(title)[1] == {12.0} and run_style(title)[2] == {True}
    motto = find(doc, "Độc lập - Tự do - Hạnh phúc")
    _n, sizes, bold, _i, underline = run_style(motto)
    assert sizes == {13.0} and bold == {True} and underline == {True}
    number = find(doc, "Số: 09/KH-VPUBND")
    assert run_style(number)[1] == {13.0}
    date = find(doc, "Hà Giang, ngày 03 tháng 01 năm 2018")
    assert run_style(date)[3] == {True} and run_style(date)[1] == {14.0}
    kind = find(doc, "KẾ HOẠCH")
    assert run_style(kind)[2] == {True} and run_style(kind)[1] == {14.0}
    summary = find(doc, "Đối thoại trực tiếp của Chánh Văn phòng")
    assert run_style(summary)[2] == {True}
    # The short rules are bottom borders under the issuing body and the summary.
    xml = doc.element.body.xml
    assert xml.count("<w:pBdr>") >= 2


def test_plan_order_of_components_and_sections(world):
    doc = docx_of("plan", world.plan)
    order = [
        "UBND TỈNH HÀ GIANG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 09/KH-VPUBND",
        "KẾ HOẠCH",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "2. Yêu cầu",
        "II. NỘI DUNG",
        "1. Đối tượng thực hiện đối thoại:",
        "2. Nội dung tiếp xúc đối thoại:",
        "3. Hình thức, thời gian, địa điểm thực hiện đối thoại:",
        "4. Trình tự tiếp xúc đối thoại:",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Phòng Hành chính - Tổ chức",
        "3. Ban Thanh tra nhân dân",
        "Trên đây là Kế hoạch",
        "Nơi nhận:",
        "- Lưu: VT, HCTC.",
    ]
    positions = [index_of(doc, line) for line in order]
    assert positions == sorted(positions)


def test_plan_body_paragraphs_are_justified_indented_and_spaced(world):
    doc = docx_of("plan", world.plan)
    body = [p for p in paragraphs(doc) if p.text.startswith("- Triển khai thực hiện")]
    assert body
    p = body[0]
    assert p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert Cm(1) <= p.paragraph_format.first_line_indent <= Cm(1.27) + 1
    assert p.paragraph_format.space_after.pt >= 6
    assert run_style(p)[:2] == ({"Times New Roman"}, {14.0})


def test_plan_takes_limits_and_conferences_from_the_data(world):
    text = full_text(docx_of("plan", world.plan))
    assert "trước 05 ngày diễn ra hội nghị" in text
    assert "chậm nhất là 05 ngày làm việc" in text
    assert "Chậm nhất là 07 ngày làm việc" in text
    assert "không quá 15 ngày làm việc" in text
    assert "vào ngày 25 tháng 6" in text and "trước ngày 20 tháng 12" in text
    assert "Hội nghị thứ nhất: 08 giờ 00, ngày 28/6/2018, tại Hội trường" in text
    assert "Hội nghị thứ hai: 08 giờ 00, ngày 14/12/2018" in text


def test_recipients_and_signature_block(world, cast):
    doc = docx_of("plan", world.plan)
    heading = find(doc, "Nơi nhận:")
    _n, sizes, bold, italic, _u = run_style(heading)
    assert sizes == {12.0} and bold == {True} and italic == {True}
    archive = find(doc, "- Lưu: VT, HCTC.")
    assert run_style(archive)[1] == {11.0}
    lines = texts(doc)
    k = lines.index("KT. CHÁNH VĂN PHÒNG")
    assert lines[k + 1] == "PHÓ CHÁNH VĂN PHÒNG"
    assert lines[k + 2] == cast.deputy.get_full_name()
    assert run_style(find(doc, "KT. CHÁNH VĂN PHÒNG"))[1:3] == ({14.0}, {True})


def test_authority_forms_follow_the_signer(cast):
    a = cast.agency
    assert signature(a, cast.head).lines == ["CHÁNH VĂN PHÒNG"]
    assert signature(a, cast.deputy).lines == ["KT. CHÁNH VĂN PHÒNG", "Phó Chánh Văn phòng"]
    assert signature(a, cast.secretariat, SignerAuthority.TL).lines[0] == "TL. CHÁNH VĂN PHÒNG"
    assert signature(a, cast.secretariat, SignerAuthority.TUQ).lines[0] == "TUQ. CHÁNH VĂN PHÒNG"
    assert signature(a, cast.deputy, SignerAuthority.Q).lines == ["Q. CHÁNH VĂN PHÒNG"]
    assert (
        signature(a, cast.inspector, SignerAuthority.TM, "Ban Thanh tra nhân dân").lines[0]
        == "TM. BAN THANH TRA NHÂN DÂN"
    )


def test_place_and_date_leading_zeros():
    import datetime

    assert vn_date_words("Hà Giang", datetime.date(2018, 1, 3)) == (
        "Hà Giang, ngày 03 tháng 01 năm 2018"
    )
    assert vn_date_words("Hà Giang", datetime.date(2018, 6, 28)) == (
        "Hà Giang, ngày 28 tháng 6 năm 2018"
    )
    assert vn_date_words("Hà Giang", datetime.date(2018, 2, 9)).endswith(
        "ngày 09 tháng 02 năm 2018"
    )
    assert vn_date_words("Hà Giang", None, 2018) == "Hà Giang, ngày      tháng      năm 2018"


def test_invitation_has_a_blank_number_and_the_conference_details(world):
    doc = docx_of("invitation", world.june)
    lines = texts(doc)
    assert "Số:      /GM-VPUBND" in lines
    assert "GIẤY MỜI" in lines
    text = full_text(doc)
    assert "08 giờ 00, thứ Năm ngày 28/6/2018" in text
    assert "Hội trường" in text


def test_notice_number_date_and_items(world):
    doc = docx_of("notice", world.notice)
    lines = texts(doc)
    assert f"Số: {world.notice.symbol}" in lines and world.notice.symbol == "01/TB-VPUBND"
    assert "Hà Giang, ngày 02 tháng 7 năm 2018" in lines
    assert "THÔNG BÁO" in lines
    order = [
        "1. Các nội dung đã được giải đáp tại Hội nghị",
        "2. Các nội dung cam kết thời gian, hình thức trả lời",
        "3. Giao các phòng, ban, đơn vị giải quyết",
        "Nơi nhận:",
    ]
    assert [index_of(doc, x) for x in order] == sorted(index_of(doc, x) for x in order)
    text = full_text(doc)
    assert "Phòng Tổng hợp xử lý kiến nghị “Kiến nghị số 3”" in text
    assert "07 ngày làm việc" in text
    assert "CHÁNH VĂN PHÒNG" in lines  # the head signs directly


def test_minutes_items_and_two_signatures(world, cast):
    doc = docx_of("minutes", world.june)
    lines = texts(doc)
    assert "BIÊN BẢN" in lines and "Số:      /BB-VPUBND" in lines
    order = [f"{n}. Kiến nghị số {n}" for n in (1, 2, 3, 4)]
    assert [index_of(doc, x) for x in order] == sorted(index_of(doc, x) for x in order)
    text = full_text(doc)
    assert f"Ý kiến của {cast.staff.get_full_name()}: Đề nghị trả lời sớm." in text
    assert (
        "Giải đáp của" in text and "Cam kết: trả lời bằng văn bản chậm nhất ngày 31/7/2018" in text
    )
    assert "Giao Phòng Tổng hợp xử lý: Sửa điều hòa." in text
    assert "THƯ KÝ" in lines and "CHỦ TRÌ" in lines
    assert lines[lines.index("THƯ KÝ") + 2] == cast.secretariat.get_full_name() or (
        cast.secretariat.get_full_name() in lines
    )


def test_minutes_names_the_deputy_and_the_delegation(cast, time_machine, monkeypatch):
    from doithoai.conferences import actions as conf
    from doithoai.testing.factories import aware

    from .conftest import build_year, fixed_deadlines

    fixed_deadlines(monkeypatch)
    world = build_year(cast, time_machine)
    time_machine.move_to(aware(2018, 12, 3, 9), tick=False)
    conf.delegate_chair(
        conference=world.december, deputy=cast.deputy, by=cast.head, reason="Đi công tác."
    )
    from doithoai.conferences.models import Conference

    text = full_text(docx_of("minutes", Conference.objects.get(pk=world.december.pk)))
    assert (
        f"Chủ trì: {cast.deputy.get_full_name()}, Phó Chánh Văn phòng (được Chánh Văn phòng" in text
    )
    assert "ủy quyền chủ trì ngày 03/12/2018; lý do: Đi công tác)" in text


def test_compilation_groups_by_topic_group_then_unit(world):
    doc = docx_of("compilation", world.june)
    lines = texts(doc)
    first = index_of(doc, "I. TÂM TƯ, NGUYỆN VỌNG")
    second = index_of(doc, "II. THỰC HIỆN CHÍNH SÁCH")
    assert first < second
    assert index_of(doc, "1. Phòng Tổng hợp") < second < index_of(doc, "1. Phòng Kinh tế")
    assert "Được bảo mật danh tính" in lines
    # Addressed to the chief, so not signed "TL." for the chief.
    assert not [line for line in lines if line.startswith("TL.")]


@pytest.mark.parametrize("kind", ["invitation", "compilation", "minutes", "notice", "report"])
def test_no_confidential_identity_in_any_document(world, cast, kind):
    cast.staff2.first_name, cast.staff2.last_name = "Hà Thị", "Bảo Mật"
    cast.staff2.save()
    obj = {
        "invitation": world.june,
        "compilation": world.june,
        "minutes": world.june,
        "notice": world.notice,
        "report": cast.agency,
    }[kind]
    text = full_text(docx_of(kind, obj, year=2018))
    assert "Bảo Mật" not in text
    assert cast.staff2.username not in text


def test_report_tables_match_the_statistics(world, cast):
    doc = docx_of("report", cast.agency, year=2018, half=1)
    summary = stats.summary(cast.agency, 2018, 1)
    lines = texts(doc)
    assert "BÁO CÁO" in lines and "Số:      /BC-VPUBND" in lines
    assert "Kính gửi: UBND tỉnh." in lines
    tables = {t.rows[0].cells[0].text + "|" + t.rows[0].cells[-1].text: t for t in doc.tables}
    outcome = tables["Chỉ tiêu|Số kiến nghị"]
    values = {r.cells[0].text: r.cells[1].text for r in outcome.rows[1:]}
    assert values["Giải đáp trực tiếp tại hội nghị"] == str(
        summary["outcomes"]["settled_at_conference"]
    )
    assert values["Đơn vị báo cáo đúng hạn"] == "1"
    assert values["Đơn vị báo cáo trễ hạn"] == "1"
    group = tables["STT|Số kiến nghị"]
    assert group.rows[-1].cells[1].text == "Tổng cộng" and group.rows[-1].cells[2].text == "5"
    text = full_text(doc)
    assert "tiếp nhận 05 kiến nghị" in text
    assert "6 tháng đầu năm 2018" in text


def test_table_fonts_are_times(world, cast):
    doc = docx_of("report", cast.agency, year=2018)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    for r in p.runs:
                        if r.text.strip():
                            assert r.font.name == "Times New Roman"


def test_every_kind_uses_a4_and_the_margins(world, cast):
    for kind, obj in (
        ("invitation", world.june),
        ("compilation", world.june),
        ("minutes", world.june),
        ("notice", world.notice),
        ("report", cast.agency),
    ):
        s = docx_of(kind, obj, year=2018).sections[0]
        sizes = (s.page_width, s.left_margin, s.right_margin)
        assert tuple(round(x.mm) for x in sizes) == (210, 30, 15), kind


def test_plan_follows_the_agencys_own_deadline_rules(world, cast):
    models = pytest.importorskip("doithoai.deadlines.models")
    rules = getattr(models, "DeadlineRules", None)
    if rules is None:
        pytest.skip("no per-agency deadline rules yet")
    rules.objects.update_or_create(
        agency=cast.agency,
        defaults={"compilation_days_before": 7, "resolution_working_days": 10},
    )
    text = full_text(docx_of("plan", world.plan))
    assert "trước 07 ngày diễn ra hội nghị" in text
    assert "Chậm nhất là 10 ngày làm việc" in text
    assert "trước ngày 20 tháng 12" in text
