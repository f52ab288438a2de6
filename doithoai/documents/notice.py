"""The conclusion notice (Thông báo kết luận, TB) issued after a conference (rule 6)."""

from collections import defaultdict

from doithoai.deadlines.display import stored
from doithoai.followups.models import AnswerMode, CommitmentForm

from . import context as ctx
from .decree30 import OfficialDocument
from .meeting import (
    _chair_line,
    _office,
    _plan_reference,
    agenda,
    chair_delegation,
    printable_submitter,
)


def build_notice(notice) -> OfficialDocument:
    """Build the notice: the chair's conclusions, then what was answered, committed, assigned."""
    conference = notice.conference
    agency = ctx.as_of(
        conference.agency, ctx.document_day(notice.issued_on, notice.year or conference.date.year)
    )
    limits = ctx.limits(agency)
    office = _office(agency)
    items = agenda(conference)
    answers, commitments, assignments = defaultdict(list), defaultdict(list), []
    for a in conference.answers.filter(mode=AnswerMode.AT_CONFERENCE).order_by("created_at"):
        answers[a.petition_id].append(a)
    for c in conference.commitments.order_by("created_at"):
        commitments[c.petition_id].append(c)
    assignments = list(
        conference.assignments.select_related("unit", "petition").order_by("created_at")
    )
    delegation = chair_delegation(conference)
    deputy_chaired = delegation is not None and delegation.grantee_id == conference.chair_id
    # Who actually chaired: the head, or the deputy holding the chair's delegation.
    chair_title = agency.deputy_title if deputy_chaired else agency.head_title
    chair = f"{chair_title} {ctx.display_name(conference.chair)}".strip()
    doc = OfficialDocument(
        ctx.header(
            agency,
            type_code="TB",
            type_name="Thông báo",
            summary=f"Kết luận của {chair} tại {conference.title}",
            symbol=notice.symbol,
            issued_on=notice.issued_on,
            year=notice.year or conference.date.year,
        )
    )
    doc.paragraph(
        f"{_plan_reference(conference)}, ngày {ctx.short_date(conference.date)}, tại "
        f"{conference.place}, {office} tổ chức {conference.title}. Chủ trì hội nghị: "
        f"{_chair_line(conference)}."
    )
    if conference.attendance:
        doc.paragraph(f"Tham dự hội nghị có: {conference.attendance}")
    doc.paragraph(
        f"Sau khi nghe báo cáo tổng hợp "
        f"{ctx.count(len(items), 'kiến nghị', none='các kiến nghị')} và ý kiến phát biểu của "
        f"CCVC, người lao động, {chair} kết luận như sau:"
    )
    for line in notice.text.splitlines():
        if line.strip():
            doc.paragraph(line.strip())
    petitions = {item.petition_id: item.petition for item in items}
    settled = [(petitions[pk], rows) for pk, rows in answers.items() if pk in petitions]
    doc.heading("1. Các nội dung đã được giải đáp tại Hội nghị")
    if not settled:
        doc.paragraph("Không có.")
    for petition, rows in settled:
        doc.bullet(
            [
                (f"{petition.title} ", {"bold": True}),
                (f"({printable_submitter(petition)}): ", {}),
                (" ".join(a.text for a in rows), {}),
            ]
        )
    doc.heading("2. Các nội dung cam kết thời gian, hình thức trả lời")
    committed = [(petitions.get(pk), rows) for pk, rows in commitments.items()]
    if not committed:
        doc.paragraph("Không có.")
    for petition, rows in committed:
        if petition is None:
            continue
        for c in rows:
            doc.bullet(
                [
                    (f"{petition.title}: ", {"bold": True}),
                    (
                        f"{CommitmentForm(c.form).label} chậm nhất ngày "
                        f"{ctx.short_date(c.promised_on)}.",
                        {},
                    ),
                ]
            )
    doc.heading("3. Giao các phòng, ban, đơn vị giải quyết")
    if not assignments:
        doc.paragraph("Không có.")
    for a in assignments:
        # The limit and the date stored with the unit's deadline, not today's rules.
        deadline = stored(a, "resolution")
        days = (
            deadline.days
            if deadline is not None
            else limits.verification_working_days
            if a.needs_verification
            else limits.resolution_working_days
        )
        due_date = deadline.due_date if deadline is not None else None
        due = f" (hạn báo cáo ngày {ctx.short_date(due_date)})" if due_date else ""
        text = (
            f"{a.unit.name} xử lý kiến nghị “{a.petition.title}”"
            + (f": {a.instructions.rstrip('.')}" if a.instructions else "")
            + f"; báo cáo kết quả về {_sec_name(agency)} chậm nhất {days:02d} ngày làm việc "
            f"kể từ ngày ban hành Thông báo này{due}."
        )
        doc.bullet(text)
    doc.paragraph(
        f"{office} thông báo để các phòng, ban, đơn vị và CCVC, người lao động biết, thực hiện./."
    )
    doc.closing(
        [f"Lãnh đạo {office}", "Các phòng, ban, đơn vị", "Ban Thanh tra nhân dân"],
        ctx.archive_line(agency),
        [ctx.signature(agency, notice.signer or conference.chair, notice.signer_authority or None)],
    )
    return doc


def _sec_name(agency) -> str:
    unit = ctx.secretariat_unit(agency)
    return unit.name[:1].lower() + unit.name[1:] if unit else "bộ phận tổng hợp"
