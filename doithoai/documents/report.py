"""The semi-annual and annual report to the Provincial People's Committee (Báo cáo, BC)."""

import datetime

from django.db.models import Count
from django.utils import timezone

from doithoai.audit.anchors import latest as _latest
from doithoai.audit.log import chain_for
from doithoai.conferences.models import Conference, ConferenceStatus, DialoguePlan
from doithoai.reports import summaries
from doithoai.reports.tables import report_tables
from doithoai.reports.texts import next_period_words, report_texts

from . import context as ctx
from .decree30 import OfficialDocument
from .meeting import _office


def period_words(year: int, half: int | None) -> str:
    """Return "6 tháng đầu năm 2018", "6 tháng cuối năm 2018" or "năm 2018"."""
    if half == 1:
        return f"6 tháng đầu năm {year}"
    if half == 2:
        return f"6 tháng cuối năm {year}"
    return f"năm {year}"


def report_day(year: int, half: int | None) -> datetime.date:
    """Return the day whose names a report prints: its period's end (today while it runs)."""
    end = datetime.date(year, 6, 30) if half == 1 else datetime.date(year, 12, 31)
    return min(end, timezone.localdate())


def build_report(agency, year: int, half: int | None = None, *, summary=None) -> OfficialDocument:
    """Build the report of `agency` for the half-year (1 or 2) or the year (None)."""
    summary = summary or summaries.summary(agency, year, half)
    agency = ctx.as_of(agency, report_day(year, half))
    office = _office(agency)
    head = agency.head_title
    words = period_words(year, half)
    doc = OfficialDocument(
        ctx.header(
            agency,
            type_code="BC",
            type_name="Báo cáo",
            summary=f"Kết quả đối thoại trực tiếp giữa {head} với công chức, viên chức "
            f"và người lao động {words}",
            year=year,
        )
    )
    doc.addressed_to(agency.report_recipient)
    plan = DialoguePlan.objects.filter(agency=agency, year=year).first()
    basis = (
        f"Thực hiện Kế hoạch số {plan.symbol} ngày {ctx.short_date(plan.issued_on)} về đối "
        f"thoại trực tiếp năm {year}"
        if plan and plan.symbol and plan.issued_on
        else "Thực hiện kế hoạch đối thoại trực tiếp của cơ quan"
    )
    doc.paragraph(
        f"{basis}, {office} báo cáo kết quả đối thoại trực tiếp giữa {head} với công chức, "
        f"viên chức và người lao động {words} như sau:"
    )
    tables = {t.key: t for t in report_tables(summary)}
    figures, c = summary["figures"], summary["conferences"]

    doc.heading("I. KẾT QUẢ THỰC HIỆN")
    doc.heading("1. Tổ chức hội nghị đối thoại")
    doc.paragraph(_conferences_sentence(words, c))
    start, end = summary["period_start"], summary["period_end"]
    conferences = (
        Conference.objects.filter(
            agency=agency, starts_at__date__gte=start, starts_at__date__lte=end
        )
        .exclude(status=ConferenceStatus.CANCELLED)
        .select_related("chair")
        .annotate(items=Count("agenda"))
        .order_by("starts_at")
    )
    rows = [
        [
            n,
            c.title,
            ctx.short_date(timezone.localtime(c.starts_at).date()),
            ctx.display_name(c.chair),
            c.items,
            ConferenceStatus(c.status).label,
        ]
        for n, c in enumerate(conferences, start=1)
    ]
    if rows:
        doc.table(
            ["STT", "Hội nghị", "Ngày", "Chủ trì", "Số kiến nghị", "Tình trạng"],
            rows,
            widths_mm=[12, 55, 24, 30, 18, 26],
        )
    doc.heading("2. Tiếp nhận kiến nghị")
    received = figures["petitions_received"]
    doc.paragraph(
        f"{words.capitalize()}, {office} tiếp nhận {ctx.number(received)} kiến nghị của CCVC và "
        f"người lao động, phân theo nhóm nội dung, chủ đề, kênh tiếp nhận và đơn vị liên quan "
        f"như các bảng dưới đây."
        if received
        else f"{words.capitalize()}, {office} không tiếp nhận kiến nghị nào của CCVC và người "
        f"lao động."
    )
    for key, widths in (
        ("by_group", [12, 125, 28]),
        ("by_topic", [12, 125, 28]),
        ("by_channel", [12, 125, 28]),
        ("by_unit", [12, 125, 28]),
    ):
        _table(doc, tables[key], widths)
    doc.heading("3. Kết quả giải quyết")
    median = figures["median_days_to_answer"]
    doc.paragraph(
        _outcomes_sentence(figures)
        + (f" Thời gian giải quyết trung vị: {median:g} ngày." if median is not None else "")
    )
    _table(doc, tables["outcomes"], [125, 40])
    doc.heading("4. Thực hiện cam kết của người chủ trì")
    _table(doc, tables["commitments"], [125, 40])
    doc.heading("5. Kết quả xử lý của các phòng, ban, đơn vị")
    if tables["units"].rows:
        _table(doc, tables["units"], [11, 50, 18, 18, 18, 18, 16, 16])
    else:
        doc.paragraph("Không có kiến nghị giao đơn vị xử lý.")
    doc.heading("6. Giám sát của Ban Thanh tra nhân dân")
    observations = summary.get("observations")
    if observations:
        answered = observations.get("answered")
        doc.paragraph(
            f"Ban Thanh tra nhân dân giám sát quá trình tiếp xúc, đối thoại; ghi nhận "
            f"{ctx.count(observations['recorded'], 'ý kiến giám sát')}"
            + (
                f", {ctx.count(answered, 'ý kiến', none='chưa có ý kiến nào')} đã được trả lời."
                if answered is not None
                else "."
            )
        )
    else:
        doc.paragraph(
            "Ban Thanh tra nhân dân giám sát quá trình tiếp xúc, đối thoại theo quy định; "
            "trong kỳ không có ý kiến giám sát được ghi nhận."
        )
    prose = report_texts(agency, year, half, summary)
    doc.heading("7. Đánh giá chung")
    _prose(doc, prose["assessment"])
    doc.heading("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN")
    doc.heading("1. Tồn tại, hạn chế")
    _prose(doc, prose["shortcomings"])
    doc.heading("2. Nguyên nhân")
    _prose(doc, prose["causes"])
    doc.heading(f"III. PHƯƠNG HƯỚNG, NHIỆM VỤ {next_period_words(year, half).upper()}")
    _prose(doc, prose["directions"])
    doc.heading("IV. KIẾN NGHỊ, ĐỀ XUẤT")
    _prose(doc, prose["recommendations"])
    doc.paragraph(f"Trên đây là báo cáo kết quả đối thoại trực tiếp {words} của {office}./.")
    checkpoint = latest_anchor(agency)
    if checkpoint is not None:
        stamp = datetime.datetime.fromisoformat(checkpoint.created_at)
        doc.paragraph(
            f"Xác thực nhật ký thao tác: mốc neo ngày {ctx.short_date(timezone.localtime(stamp).date())}"
            f", chuỗi {checkpoint.chain}, sự kiện số {checkpoint.seq}, mã băm {checkpoint.head_hash}"
            f" (khóa {checkpoint.key_id}).",
            italic=True,
        )
    doc.closing(
        [agency.report_recipient, f"Lãnh đạo {office}"],
        ctx.archive_line(agency),
        [ctx.signature(agency, ctx.head_user(agency))],
    )
    return doc


def latest_anchor(agency):
    """Return the agency chain's latest checkpoint outside the database, if any."""
    return _latest(chain_for(agency.pk))


def _table(doc, table, widths) -> None:
    doc.paragraph(table.title, italic=True, indent=False, align="center")
    doc.table(table.headers, table.rows, widths_mm=widths, total=table.total)


def _conferences_sentence(words: str, c: dict) -> str:
    """Planned, held and ad-hoc conferences, zero in words ("không có hội nghị đột xuất")."""
    planned = (
        f"Theo kế hoạch, {words} cơ quan tổ chức {ctx.count(c['regular_required'], 'hội nghị')} "
        f"đối thoại định kỳ"
        if c["regular_required"]
        else f"Theo kế hoạch, {words} cơ quan không có hội nghị đối thoại định kỳ"
    )
    if not c["held"]:
        return f"{planned}; chưa tổ chức hội nghị nào."
    ad_hoc = (
        f"trong đó {ctx.count(c['ad_hoc_held'], 'hội nghị')} đột xuất"
        if c["ad_hoc_held"]
        else "không có hội nghị đột xuất"
    )
    return f"{planned}; đã tổ chức {ctx.count(c['held'], 'hội nghị')} ({ad_hoc})."


def _outcomes_sentence(f: dict) -> str:
    """How the period's petitions were settled, each count in figures or, for zero, in words."""
    settled = (
        f"Đã giải đáp trực tiếp tại hội nghị {ctx.count(f['settled_at_conference'], 'kiến nghị')}"
        if f["settled_at_conference"]
        else "Không có kiến nghị được giải đáp trực tiếp tại hội nghị"
    )
    written = (
        f"trả lời bằng văn bản {ctx.count(f['answered_in_writing'], 'kiến nghị')}"
        if f["answered_in_writing"]
        else "không có kiến nghị trả lời bằng văn bản"
    )
    if f["assigned"]:
        parts = []
        if f["resolved_on_time"]:
            parts.append(f"báo cáo đúng hạn {ctx.number(f['resolved_on_time'])}")
        if f["resolved_late"]:
            parts.append(f"trễ hạn {ctx.number(f['resolved_late'])}")
        reported = ", ".join(parts) if parts else "chưa có đơn vị báo cáo kết quả"
        assigned = f"giao đơn vị xử lý {ctx.count(f['assigned'], 'kiến nghị')}, trong đó {reported}"
    else:
        assigned = "không có kiến nghị giao đơn vị xử lý"
    still = (
        f"còn {ctx.count(f['still_open'], 'kiến nghị')} đang giải quyết"
        if f["still_open"]
        else "không còn kiến nghị nào đang giải quyết"
    )
    return f"{settled}; {written}; {assigned}; {still}."


def _prose(doc, text: str) -> None:
    """Print the secretariat's prose, one paragraph per line."""
    for line in text.splitlines():
        if line.strip():
            doc.paragraph(line.strip())
