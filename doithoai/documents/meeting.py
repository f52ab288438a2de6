"""Documents of one conference: the invitation (GM), the compiled list for the chair, and the
minutes (BB).

No confidential or anonymous submitter is ever named in a document, whoever downloads it:
identities are printed as `submitter_label` shows them to someone outside the secretariat.
"""

from collections import defaultdict

from django.utils import timezone

from doithoai.conferences.models import AgendaStatus, Kind
from doithoai.followups.models import CommitmentForm
from doithoai.organizations.models import Delegation, DelegationKind, Membership
from doithoai.petitions.models import Privacy, TopicGroup
from doithoai.petitions.visibility import submitter_label

from . import context as ctx
from .decree30 import OfficialDocument, Signature

WEEKDAYS = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def printable_submitter(petition) -> str:
    """Return the submitter as a document may print it: never a protected identity."""
    return submitter_label(None, petition)


def _when(moment) -> str:
    local = timezone.localtime(moment)
    return (
        f"{local.hour:02d} giờ {local.minute:02d}, {WEEKDAYS[local.weekday()]} "
        f"ngày {ctx.short_date(local.date())}"
    )


def agenda(conference):
    """Return the conference's agenda items with everything the documents print, in order."""
    return list(
        conference.agenda.select_related(
            "petition__topic",
            "petition__submitter",
            "petition__submitter_unit",
            "petition__concerned_unit",
            "answerer",
        ).order_by("position")
    )


def chair_delegation(conference):
    """Return the valid chair delegation of the conference, if a deputy chairs it."""
    return (
        Delegation.objects.filter(
            kind=DelegationKind.CHAIR, conference=conference, revoked_at__isnull=True
        )
        .select_related("grantor", "grantee")
        .first()
    )


def _chair_line(conference) -> str:
    agency = conference.agency
    delegation = chair_delegation(conference)
    name = ctx.display_name(conference.chair)
    if delegation is not None and delegation.grantee_id == conference.chair_id:
        return (
            f"{name}, {agency.deputy_title} (được {agency.head_title} "
            f"{ctx.display_name(delegation.grantor)} ủy quyền chủ trì ngày "
            f"{ctx.short_date(delegation.created_at.date())}; lý do: {delegation.reason.rstrip('.')})"
        )
    return f"{name}, {agency.head_title}"


def _office(agency) -> str:
    return agency.short_name or agency.name


def _plan_reference(conference) -> str:
    plan = conference.plan
    if plan is not None and plan.symbol and plan.issued_on:
        return (
            f"Thực hiện Kế hoạch số {plan.symbol} ngày {ctx.short_date(plan.issued_on)} của "
            f"{_office(conference.agency)} về đối thoại trực tiếp năm {plan.year}"
        )
    return f"Thực hiện kế hoạch đối thoại trực tiếp của {_office(conference.agency)}"


def build_invitation(conference) -> OfficialDocument:
    """Build the invitation to a conference (Giấy mời)."""
    agency = conference.agency
    office = _office(agency)
    items = conference.agenda.count()
    doc = OfficialDocument(
        ctx.header(
            agency,
            type_code="GM",
            type_name="Giấy mời",
            summary=f"Dự {conference.title}",
            year=conference.date.year,
        )
    )
    doc.paragraph(f"{office} trân trọng kính mời:", indent=True)
    doc.bullet(f"Lãnh đạo {office};")
    doc.bullet("Lãnh đạo các phòng, ban, đơn vị; Ban Thanh tra nhân dân;")
    doc.bullet(f"Toàn thể công chức, viên chức và người lao động {office}.")
    doc.paragraph([("Tới dự: ", {"bold": True}), (f"{conference.title}.", {})])
    doc.paragraph([("Chủ trì: ", {"bold": True}), (f"{_chair_line(conference)}.", {})])
    doc.paragraph([("Thời gian: ", {"bold": True}), (f"{_when(conference.starts_at)}.", {})])
    doc.paragraph([("Địa điểm: ", {"bold": True}), (f"{conference.place}.", {})])
    content = (
        f"{ctx.secretariat_unit(agency).name if ctx.secretariat_unit(agency) else 'Bộ phận tổng hợp'} "
        f"báo cáo tổng hợp {ctx.count(items, 'kiến nghị', none='các kiến nghị')} đã tiếp nhận; "
        f"CCVC và người lao động phát biểu "
        f"ý kiến, kiến nghị bổ sung; {agency.head_title} giải đáp và kết luận."
    )
    doc.paragraph([("Nội dung: ", {"bold": True}), (content, {})])
    doc.paragraph(
        "Đề nghị các phòng, ban, đơn vị thông báo đến công chức, viên chức và người lao động "
        "thuộc đơn vị tham dự đầy đủ, đúng thời gian./."
    )
    doc.closing(
        ["Như trên", "Ban Thanh tra nhân dân"],
        ctx.archive_line(agency),
        [ctx.signature(agency, conference.chair)],
    )
    return doc


def _grouped(items):
    """Group agenda items by topic group, then by concerned unit (seed order of groups)."""
    groups: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for item in items:
        p = item.petition
        group = p.topic.group if p.topic else ""
        unit = p.concerned_unit.name if p.concerned_unit else "Chưa xác định đơn vị"
        groups[group][unit].append(item)
    order = [*TopicGroup.values, ""]
    return [(g, sorted(groups[g].items())) for g in order if g in groups]


def build_compilation(conference) -> OfficialDocument:
    """Build the secretariat's compiled list of petitions for the chair (rule 4 of the seed)."""
    agency = conference.agency
    items = agenda(conference)
    sec = ctx.secretariat_unit(agency)
    doc = OfficialDocument(
        ctx.header(
            agency,
            type_code="BC",
            type_name="Báo cáo",
            summary="Tổng hợp kiến nghị của công chức, viên chức và người lao động",
            issued_on=timezone.localtime(conference.compilation_sent_at).date()
            if conference.compilation_sent_at
            else None,
            year=conference.date.year,
        )
    )
    doc.addressed_to(agency.head_title)
    doc.paragraph(
        f"{_plan_reference(conference)}, {sec.name if sec else 'bộ phận tổng hợp'} đã tiếp nhận, "
        f"tổng hợp {ctx.count(len(items), 'kiến nghị')} của CCVC và người lao động để đưa ra "
        f"{conference.title} "
        f"({_when(conference.starts_at)}, tại {conference.place}), cụ thể như sau:"
    )
    for g_index, (group, units) in enumerate(_grouped(items)):
        label = TopicGroup(group).label if group else "Chưa phân loại"
        doc.heading(f"{ROMAN[g_index]}. {label.upper()}")
        for u_index, (unit, unit_items) in enumerate(units, start=1):
            doc.heading(f"{u_index}. {unit}")
            rows = [
                [
                    n,
                    item.petition.code,
                    f"{item.petition.title}: {item.petition.content}",
                    printable_submitter(item.petition),
                ]
                for n, item in enumerate(unit_items, start=1)
            ]
            doc.table(
                ["STT", "Mã", "Nội dung kiến nghị", "Người, đơn vị kiến nghị"],
                rows,
                widths_mm=[12, 25, 88, 40],
            )
    doc.paragraph(
        f"Kính trình {agency.head_title} nghiên cứu, chuẩn bị nội dung giải đáp tại Hội nghị./."
    )
    doc.closing(
        [f"{agency.head_title} (để b/c)", "Ban Thanh tra nhân dân"],
        ctx.archive_line(agency),
        [_unit_signature(agency, sec)],
    )
    return doc


def _unit_signature(agency, unit) -> Signature:
    """The secretariat unit's head signs its report to the chief in their own name.

    The report is addressed to the chief, so it is not signed "TL." for the chief: the
    leader signs with their own title ("TRƯỞNG PHÒNG HÀNH CHÍNH - TỔ CHỨC"); without a
    leader, the secretariat member who compiled it signs with the unit's name above.
    """
    leader = ctx.unit_leader(unit)
    signer = leader or ctx.secretariat_member(agency)
    membership = Membership.objects.filter(agency=agency, user=signer).first() if signer else None
    title = membership.position_title if membership and membership.position_title else ""
    if not title and unit is not None:
        name = unit.name[:1].lower() + unit.name[1:]
        title = f"Trưởng {name}" if leader else unit.name
    return Signature([title or agency.name], ctx.display_name(signer))


def _secretary(conference):
    """Return who kept the minutes: the most frequent recorder of statements, else None."""
    recorders = conference.statements.values_list("recorded_by", flat=True)
    counts: dict[int, int] = defaultdict(int)
    for pk in recorders:
        counts[pk] += 1
    if not counts:
        return None
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk=max(counts, key=counts.get)).first()


def _item_lines(item, statements, answers, commitments, assignments) -> list[str]:
    p = item.petition
    protected = p.privacy != Privacy.PUBLIC
    lines = []
    for s in statements.get(p.pk, []):
        speaker = "Ý kiến phát biểu" if protected else f"Ý kiến của {s.speaker_name or 'đại biểu'}"
        lines.append(f"{speaker}: {s.text}")
    for a in answers.get(p.pk, []):
        lines.append(f"Giải đáp của {ctx.display_name(a.answered_by)}: {a.text}")
    for c in commitments.get(p.pk, []):
        note = f" ({c.note.rstrip('.')})" if c.note else ""
        lines.append(
            f"Cam kết: {CommitmentForm(c.form).label.lower()} chậm nhất ngày "
            f"{ctx.short_date(c.promised_on)}{note}."
        )
    for a in assignments.get(p.pk, []):
        text = f"Giao {a.unit.name} xử lý"
        if a.instructions:
            text += f": {a.instructions.rstrip('.')}"
        if a.needs_verification:
            text += f" (cần xác minh: {a.verification_reason.rstrip('.')})"
        lines.append(text + ".")
    if not lines:
        lines.append(AgendaStatus(item.status).label + ".")
    return lines


def build_minutes(conference) -> OfficialDocument:
    """Build the minutes (Biên bản): attendance, chair, each item, conclusion; two signatures."""
    agency = conference.agency
    items = agenda(conference)
    statements, answers, commitments, assignments = (
        defaultdict(list),
        defaultdict(list),
        defaultdict(list),
        defaultdict(list),
    )
    for s in conference.statements.order_by("recorded_at", "pk"):
        statements[s.petition_id].append(s)
    for a in conference.answers.select_related("answered_by").order_by("created_at"):
        answers[a.petition_id].append(a)
    for c in conference.commitments.order_by("created_at"):
        commitments[c.petition_id].append(c)
    for a in conference.assignments.select_related("unit").order_by("created_at"):
        assignments[a.petition_id].append(a)
    kind = "thường kỳ" if conference.kind != Kind.AD_HOC else "đột xuất"
    doc = OfficialDocument(
        ctx.header(
            agency,
            type_code="BB",
            type_name="Biên bản",
            summary=conference.title,
            issued_on=conference.date,
        )
    )
    opened = conference.opened_at or conference.starts_at
    doc.heading("I. THỜI GIAN, ĐỊA ĐIỂM")
    doc.paragraph(
        f"Vào hồi {_when(opened)}, tại {conference.place}, {_office(agency)} tổ chức "
        f"{conference.title} (hội nghị {kind})."
    )
    doc.heading("II. THÀNH PHẦN THAM DỰ")
    doc.paragraph([("Chủ trì: ", {"bold": True}), (f"{_chair_line(conference)}.", {})])
    secretary = _secretary(conference)
    if secretary is not None:
        doc.paragraph([("Thư ký: ", {"bold": True}), (f"{ctx.display_name(secretary)}.", {})])
    if conference.attendance:
        doc.paragraph([("Thành phần: ", {"bold": True}), (conference.attendance, {})])
    doc.heading("III. NỘI DUNG HỘI NGHỊ")
    sec = ctx.secretariat_unit(agency)
    doc.paragraph(
        f"{sec.name if sec else 'Bộ phận tổng hợp'} báo cáo tổng hợp "
        f"{ctx.count(len(items), 'kiến nghị')} của CCVC và người lao động."
        + (" Hội nghị đối thoại lần lượt các nội dung sau:" if items else "")
    )
    for n, item in enumerate(items, start=1):
        p = item.petition
        doc.paragraph(
            [
                (f"{n}. {p.title} ", {"bold": True}),
                (f"(mã {p.code}; người kiến nghị: {printable_submitter(p)}).", {}),
            ]
        )
        for line in _item_lines(item, statements, answers, commitments, assignments):
            doc.bullet(line)
    conclusion = [line.strip() for line in conference.conclusion.splitlines() if line.strip()]
    if conclusion:
        doc.heading("IV. KẾT LUẬN CỦA CHỦ TRÌ")
        for line in conclusion:
            doc.paragraph(line)
    if conference.closed_at:
        local = timezone.localtime(conference.closed_at)
        doc.paragraph(
            f"Hội nghị kết thúc vào hồi {local.hour:02d} giờ {local.minute:02d} cùng ngày. "
            f"Biên bản đã được đọc lại cho hội nghị nghe và thông qua./."
        )
    doc.closing(
        [],
        ctx.archive_line(agency),
        [
            Signature(["Thư ký"], ctx.display_name(secretary), secretary),
            Signature(["Chủ trì"], ctx.display_name(conference.chair), conference.chair),
        ],
    )
    return doc
