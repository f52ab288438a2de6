"""The province's consolidated report (Báo cáo, BC) built from the reports it accepted.

Each agency below the province office contributes the figures frozen in its accepted sending
(`reports.ReportSubmission`), never live counts: the province reports what it received.
"""

from django.db.models import Max

from doithoai.organizations.access import below
from doithoai.reports.models import ReportSubmission, SubmissionStatus

from . import context as ctx
from .decree30 import OfficialDocument
from .report import period_words, report_day

COLUMNS = (
    ("conferences_held", "Hội nghị đã tổ chức"),
    ("petitions_received", "Kiến nghị tiếp nhận"),
    ("settled_at_conference", "Giải đáp tại hội nghị"),
    ("answered_in_writing", "Trả lời bằng văn bản"),
    ("assigned", "Giao đơn vị xử lý"),
    ("overdue", "Quá hạn"),
)


def accepted(province, year: int, half: int | None) -> list[ReportSubmission]:
    """Return the accepted sending of each agency below `province` for the period, by name."""
    rows = ReportSubmission.objects.filter(
        agency_id__in=below(province),
        year=year,
        period=half or 0,
        status=SubmissionStatus.ACCEPTED,
    )
    latest = rows.values("agency_id").annotate(v=Max("version"))
    wanted = {(r["agency_id"], r["v"]) for r in latest}
    return sorted(
        (s for s in rows.select_related("agency") if (s.agency_id, s.version) in wanted),
        key=lambda s: s.agency.name,
    )


def build_consolidated(province, year: int, half: int | None = None) -> OfficialDocument:
    """Build the province office's report of the period from the accepted reports below it."""
    agency = ctx.as_of(province, report_day(year, half))
    words = period_words(year, half)
    sent = accepted(province, year, half)
    doc = OfficialDocument(
        ctx.header(
            agency,
            type_code="BC",
            type_name="Báo cáo",
            summary="Tổng hợp kết quả đối thoại trực tiếp giữa người đứng đầu cơ quan với "
            f"công chức, viên chức và người lao động {words}",
            year=year,
        )
    )
    doc.addressed_to(agency.report_recipient)
    doc.paragraph(
        f"Trên cơ sở báo cáo của {ctx.count(len(sent), 'cơ quan', none='các cơ quan')} đã được "
        f"tiếp nhận, {agency.short_name or agency.name} tổng hợp kết quả đối thoại trực tiếp "
        f"{words} như sau:"
    )
    doc.heading("I. KẾT QUẢ THỰC HIỆN")
    headers = ["TT", "Cơ quan", "Báo cáo số", *[label for _key, label in COLUMNS]]
    rows, totals = [], {key: 0 for key, _label in COLUMNS}
    for number, submission in enumerate(sent, start=1):
        values = [int(submission.figures.get(key) or 0) for key, _label in COLUMNS]
        for (key, _label), value in zip(COLUMNS, values, strict=True):
            totals[key] += value
        rows.append([number, submission.agency.name, submission.symbol or "", *values])
    doc.table(
        headers,
        rows,
        total=["", "Tổng cộng", "", *[totals[key] for key, _label in COLUMNS]],
        size=11,
    )
    if not sent:
        doc.paragraph("Chưa có báo cáo nào được tiếp nhận trong kỳ.")
    doc.paragraph(f"Trên đây là báo cáo tổng hợp kết quả đối thoại trực tiếp {words}./.")
    doc.closing(
        [agency.report_recipient, "Các cơ quan báo cáo"],
        ctx.archive_line(agency),
        [ctx.signature(agency, ctx.head_user(agency))],
    )
    return doc
