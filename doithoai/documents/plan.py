"""The yearly dialogue plan (Kế hoạch, KH), worded like the seed plan 09/KH-VPUBND of 2018.

The agency's titles, units, scheduled conferences and time limits come from its data and
rules; the fixed wording is the seed's (with its typing slips corrected).
"""

import datetime

from django.utils import timezone

from doithoai.conferences.models import CombinedWith, ConferenceStatus, Kind

from . import context as ctx
from .decree30 import OfficialDocument

ORDINAL = {Kind.MID_YEAR: "Hội nghị thứ nhất", Kind.YEAR_END: "Hội nghị thứ hai"}


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _scheduled(plan) -> list[str]:
    """Describe each conference scheduled under the plan: day, place, combined meeting."""
    lines = []
    conferences = plan.conferences.exclude(status=ConferenceStatus.CANCELLED).order_by("starts_at")
    for c in conferences:
        local = timezone.localtime(c.starts_at)
        when = f"{local.hour:02d} giờ {local.minute:02d}, ngày {ctx.short_date(local.date())}"
        name = ORDINAL.get(c.kind, "Hội nghị đột xuất")
        combined = (
            f" (lồng ghép {_lower_first(CombinedWith(c.combined_with).label)})"
            if c.combined_with != CombinedWith.NONE
            else ""
        )
        lines.append(f"+ {name}: {when}, tại {c.place}{combined}.")
    return lines


def build_plan(plan) -> OfficialDocument:
    """Build the yearly plan of `plan.agency` for `plan.year`."""
    agency = ctx.as_of(plan.agency, ctx.document_day(plan.issued_on, plan.year))
    head = agency.head_title
    deputy = agency.deputy_title
    office = agency.short_name or agency.name
    sec = ctx.secretariat_unit(agency)
    sec_name = _lower_first(sec.name) if sec else "bộ phận tổng hợp"
    sec_title = sec.name if sec else "Bộ phận tổng hợp"
    limits = ctx.limits(agency)
    regular = plan.conferences.filter(kind__in=[Kind.MID_YEAR, Kind.YEAR_END]).exclude(
        status=ConferenceStatus.CANCELLED
    )
    count = max(regular.count(), 2)
    doc = OfficialDocument(
        ctx.header(
            agency,
            type_code="KH",
            type_name="Kế hoạch",
            summary=f"Đối thoại trực tiếp của {head} với công chức, viên chức "
            f"và người lao động {office} năm {plan.year}",
            symbol=plan.symbol,
            issued_on=plan.issued_on,
            year=plan.year,
        )
    )
    p, b, h = doc.paragraph, doc.bullet, doc.heading
    p(
        "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 và các quy định hiện hành về "
        "tiếp xúc, đối thoại trực tiếp giữa người đứng đầu cơ quan hành chính nhà nước với "
        "công chức, viên chức và người lao động theo định kỳ."
        if plan.year >= 2023
        else "Căn cứ các quy định hiện hành về tiếp xúc, đối thoại trực tiếp giữa người đứng "
        "đầu cơ quan hành chính nhà nước với công chức, viên chức và người lao động theo định kỳ."
    )
    p(
        f"{office} ban hành kế hoạch đối thoại trực tiếp của {head} với công chức, viên chức, "
        f"người lao động thuộc {office} năm {plan.year} như sau:"
    )
    h("I. MỤC ĐÍCH, YÊU CẦU")
    h("1. Mục đích")
    b(
        "Triển khai thực hiện có hiệu quả Kế hoạch tiếp xúc, đối thoại trực tiếp với công chức, "
        "viên chức và người lao động trong các cơ quan (gọi tắt là CCVC và người lao động) nhằm "
        "giải quyết kịp thời những vấn đề bức xúc của CCVC và người lao động."
    )
    b(
        "Góp phần đổi mới phương thức lãnh đạo của các cấp ủy Đảng, chính quyền; tăng cường củng "
        "cố mối quan hệ mật thiết giữa cơ quan với CCVC và người lao động, phát huy dân chủ trong "
        "hoạt động của cơ quan; tuyên truyền, phổ biến chủ trương, Nghị quyết của Đảng, chính "
        "sách, pháp luật của Nhà nước, những thuận lợi, khó khăn trong lãnh đạo, quản lý, điều "
        "hành của cơ quan, tạo sự đồng thuận giữa cơ quan và người lao động theo quy định của "
        "pháp luật, củng cố, tăng cường sự thống nhất tư tưởng tạo nên sự vận hành thông suốt."
    )
    b(
        "Đảm bảo thực hiện tốt chức năng giám sát của CCVC và người lao động trong việc tuân thủ "
        "pháp luật, tham gia xây dựng cơ quan, đơn vị trong sạch vững mạnh."
    )
    b(
        "Giải quyết kịp thời các đề xuất, kiến nghị, vấn đề còn tồn tại, vướng mắc về nội dung, "
        "quy chế, quy định trong lãnh đạo, quản lý, điều hành để cơ quan, đơn vị xem xét kịp "
        "thời sửa đổi, bổ sung cho phù hợp với thực tiễn."
    )
    h("2. Yêu cầu")
    b(
        f"Việc tiếp xúc, đối thoại trực tiếp với CCVC và người lao động phải đảm bảo sự thống "
        f"nhất của cấp ủy, sự quản lý, điều hành của lãnh đạo {office}."
    )
    b(
        "Quán triệt, phổ biến, tuyên truyền chủ trương, quan điểm của Đảng, chính sách pháp luật "
        "của Nhà nước; tình hình và các định hướng phát triển kinh tế - xã hội, quốc phòng - an "
        "ninh của tỉnh nhằm nâng cao nhận thức về quyền và nghĩa vụ của CCVC và người lao động."
    )
    b(
        "Việc tiếp xúc, đối thoại trực tiếp với CCVC và người lao động phải thực hiện nghiêm túc, "
        "theo quy định, đảm bảo tiết kiệm, hiệu quả, tránh phô trương, hình thức; tạo điều kiện "
        "thuận lợi để CCVC và người lao động được bình đẳng, công khai tham gia đóng góp ý kiến, "
        "phát biểu và nêu các kiến nghị đề xuất trực tiếp đối với người đứng đầu cơ quan."
    )
    b(
        "Các phòng, ban, đơn vị liên quan khi được giao nhiệm vụ trả lời ý kiến của CCVC và "
        "người lao động có trách nhiệm trả lời đầy đủ vấn đề CCVC và người lao động yêu cầu."
    )
    h("II. NỘI DUNG")
    h("1. Đối tượng thực hiện đối thoại:")
    b(
        f"{head} trực tiếp đối thoại, giải đáp đầy đủ các ý kiến CCVC, người lao động kiến "
        f"nghị; trường hợp vì lý do bất khả kháng không dự được thì {head} ủy quyền cho 01 "
        f"{deputy} thực hiện."
    )
    b(
        f"CCVC và người lao động trực tiếp dự Hội nghị đối thoại, yêu cầu {head} giải đáp đầy đủ "
        f"các nội dung kiến nghị theo quy định; trường hợp CCVC và người lao động nhất trí ủy "
        f"quyền đại diện cho trưởng các phòng, ban, đơn vị thì người được ủy quyền đại diện có "
        f"trách nhiệm tổng hợp đầy đủ nội dung kiến nghị và yêu cầu {head} giải đáp theo quy định."
    )
    b(
        f"{head} giao {sec_name} tiếp nhận, ghi chép đầy đủ các kiến nghị của CCVC và người lao "
        f"động, tổng hợp chuyển {head} xem xét trả lời trực tiếp hoặc trả lời bằng văn bản theo "
        f"quy định."
    )
    h("2. Nội dung tiếp xúc đối thoại:")
    b(
        "Tình hình tâm tư, nguyện vọng của CCVC và người lao động, việc thực hiện chế độ chính "
        "sách, những bức xúc thực tế đang đặt ra tại cơ quan, đơn vị."
    )
    b(
        f"Tình hình thực hiện chính sách liên quan đến các lĩnh vực thuộc chức năng, nhiệm vụ của "
        f"{office}; công tác giải quyết đơn thư khiếu nại, tố cáo; phòng, chống tham nhũng; chấp "
        f"hành kỷ luật, kỷ cương hành chính, đạo đức công vụ của CCVC và người lao động v.v.."
    )
    b(
        f"Những vấn đề vướng mắc, nổi cộm mà dư luận phản ánh có liên quan đến hoạt động của "
        f"{office}."
    )
    h("3. Hình thức, thời gian, địa điểm thực hiện đối thoại:")
    b([("Hình thức đối thoại:", {"italic": True}), (" Tổ chức Hội nghị đối thoại trực tiếp.", {})])
    b([("Địa điểm tổ chức:", {"italic": True}), (f" Tại {office}.", {})])
    b(
        [
            ("Thời gian:", {"italic": True}),
            (
                f" Dự kiến tổ chức {count:02d} Hội nghị/năm (Hội nghị thứ nhất vào tháng cuối "
                "của quý II hoặc lồng ghép hội nghị sơ kết 6 tháng đầu năm; Hội nghị thứ hai vào "
                "quý IV hoặc lồng ghép với Hội nghị công chức, viên chức).",
                {},
            ),
        ]
    )
    for line in _scheduled(plan):
        p(line)
    p(
        f"* Trong trường hợp do yêu cầu trực tiếp, {head} sẽ quyết định tổ chức đối thoại trực "
        f"tiếp vào thời gian thích hợp."
    )
    h("4. Trình tự tiếp xúc đối thoại:")
    b(
        [
            ("Trước khi đối thoại:", {"bold": True}),
            (
                f" Tổ chức, cá nhân có thể gửi nội dung kiến nghị về {sec_name} tổng hợp chuẩn "
                f"bị nội dung đối thoại; trước {limits.compile_days_before:02d} ngày diễn ra hội "
                f"nghị đối thoại trực tiếp báo cáo {head} toàn bộ nội dung kiến nghị đã tiếp nhận "
                f"để {head} nghiên cứu chuẩn bị nội dung giải đáp theo quy định.",
                {},
            ),
        ]
    )
    b("Tại Hội nghị đối thoại:", bold=True)
    p(f"+ {sec_title} báo cáo toàn bộ nội dung kiến nghị đã tiếp nhận, tổng hợp gửi {head}.")
    p(
        "+ CCVC và người lao động phát biểu ý kiến đối với các kiến nghị đã đăng ký hoặc kiến nghị bổ sung."
    )
    p(
        f"+ {head} giải đáp trực tiếp hoặc phân công đại diện lãnh đạo cơ quan, đơn vị giải đáp "
        f"những ý kiến, kiến nghị thuộc thẩm quyền giải quyết."
    )
    p(
        f"+ {head} kết luận những nội dung đã đối thoại, những nội dung đã được giải quyết; đối "
        f"với những nội dung nêu ra chưa được giải quyết thì {head} cam kết thời gian, hình thức "
        f"giải đáp."
    )
    b("Sau Hội nghị đối thoại:", bold=True)
    p(
        f"+ Sau Hội nghị chậm nhất là {limits.notice_working_days:02d} ngày làm việc {office} có "
        f"trách nhiệm thông báo bằng văn bản ý kiến kết luận của {head} về những vấn đề đối "
        f"thoại để tổ chức, cá nhân được biết."
    )
    p(
        f"+ Chậm nhất là {limits.resolution_working_days:02d} ngày làm việc từ khi có thông báo "
        f"kết luận của {head}, các tổ chức, cá nhân được giao nhiệm vụ giải quyết các ý kiến "
        f"kiến nghị (nếu có) gửi {sec_name} tổng hợp báo cáo với {head} xem xét giải quyết theo "
        f"quy định (trường hợp những nội dung cần thêm thời gian để xác minh làm rõ hoặc phải "
        f"tuân thủ các quy trình theo quy định của pháp luật thì không quá "
        f"{limits.verification_working_days:02d} ngày làm việc, tổ chức, cá nhân có trách nhiệm "
        f"giải quyết phải xây dựng nội dung văn bản gửi về {sec_name} tổng hợp trình {head} xem "
        f"xét trả lời tổ chức, cá nhân có liên quan biết)."
    )
    h("III. TỔ CHỨC THỰC HIỆN")
    h(f"1. {sec_title}")
    b(
        "Tiếp nhận, tổng hợp, báo cáo "
        + head
        + " đầy đủ các nội dung kiến nghị của tổ chức, cá nhân theo quy định."
    )
    b(
        "Tham mưu, chuẩn bị đầy đủ các điều kiện cần thiết để tổ chức các Hội nghị đối thoại trực tiếp."
    )
    b(
        f"Dự thảo thông báo kết quả giải quyết các ý kiến, kiến nghị sau khi tiếp xúc, đối thoại, "
        f"đôn đốc các phòng, ban, đơn vị tham mưu giúp {head} giải quyết các yêu cầu kiến nghị."
    )
    (sm, sd), (am, ad) = limits.semiannual_report, limits.annual_report
    # The rule stores the last allowed day; the seed words it "before" the next day.
    annual = datetime.date(plan.year, am, ad) + datetime.timedelta(days=1)
    b(
        f"Định kỳ báo cáo {agency.report_recipient} về kết quả tiếp xúc đối thoại hằng năm (báo "
        f"cáo kết quả tiếp xúc đối thoại 6 tháng đầu năm vào ngày {sd} tháng {sm}; báo cáo năm "
        f"trước ngày {annual.day} tháng {annual.month} hằng năm)."
    )
    h(f"2. Các phòng, ban, đơn vị thuộc và trực thuộc {office}")
    b(
        f"Cử công chức, viên chức tham dự hội nghị tiếp xúc đối thoại và trả lời giải quyết những "
        f"vấn đề liên quan theo chức năng nhiệm vụ; tiếp thu tổng hợp những ý kiến kiến nghị của "
        f"CCVC, người lao động; tham mưu giúp {head} giải quyết các kiến nghị (nếu có)."
    )
    b(
        f"Trường hợp được CCVC, người lao động ủy quyền làm đại diện phản ánh các kiến nghị của "
        f"CCVC, người lao động với {head} thì đại diện phòng, ban, đơn vị phải có trách nhiệm tổng "
        f"hợp và phản ánh đầy đủ các nội dung mà CCVC, người lao động kiến nghị. Sau Hội nghị có "
        f"trách nhiệm thông báo đầy đủ nội dung đã kiến nghị, các nội dung đã được giải đáp."
    )
    h("3. Ban Thanh tra nhân dân")
    p(
        "Thực hiện việc giám sát quá trình tiếp xúc đối thoại với CCVC, người lao động theo quy "
        "định của pháp luật."
    )
    p(
        f"Trên đây là Kế hoạch đối thoại trực tiếp của {head} với CCVC, người lao động "
        f"{office} năm {plan.year}, đề nghị các phòng, ban, đơn vị triển khai, phổ biến kịp "
        f"thời đến toàn thể CCVC, người lao động biết thực hiện./."
    )
    doc.closing(
        plan.recipients.splitlines(),
        ctx.archive_line(agency),
        [ctx.signature(agency, plan.signer, plan.signer_authority or None)],
    )
    return doc
