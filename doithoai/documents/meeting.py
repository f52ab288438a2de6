"""Documents of one conference: the invitation (GM), the compiled list for the chair, and the
minutes (BB).

No confidential or anonymous submitter is ever named in a document, whoever downloads it:
identities are printed as `submitter_label` shows them to someone outside the secretariat.
"""

import datetime
from collections import defaultdict

from django.utils import timezone

from doithoai.conferences.minutes import content_for
from doithoai.conferences.models import Kind
from doithoai.organizations.models import Delegation, DelegationKind, Membership
from doithoai.petitions.models import TopicGroup
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
            f"{_office(ctx.as_of(conference.agency, plan.issued_on))} về đối thoại trực tiếp "
            f"năm {plan.year}"
        )
    return f"Thực hiện kế hoạch đối thoại trực tiếp của {_office(conference.agency)}"


def build_invitation(conference) -> OfficialDocument:
    """Build the invitation to a conference (Giấy mời)."""
    agency = ctx.as_of(conference.agency, conference.date)
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
    sent_on = (
        timezone.localtime(conference.compilation_sent_at).date()
        if conference.compilation_sent_at
        else None
    )
    agency = ctx.as_of(conference.agency, sent_on or conference.date)
    items = agenda(conference)
    sec = ctx.secretariat_unit(agency)
    doc = OfficialDocument(
        ctx.header(
            agency,
            type_code="BC",
            type_name="Báo cáo",
            summary="Tổng hợp kiến nghị của công chức, viên chức và người lao động",
            issued_on=sent_on,
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


def _chair_text(chair: dict) -> str:
    delegation = chair.get("delegation")
    if delegation:
        on = datetime.date.fromisoformat(delegation["on"])
        return (
            f"{chair['name']}, {chair['title']} (được {delegation['grantor_title']} "
            f"{delegation['grantor']} ủy quyền chủ trì ngày {ctx.short_date(on)}; "
            f"lý do: {delegation['reason'].rstrip('.')})"
        )
    return f"{chair['name']}, {chair['title']}"


def _item_lines(item: dict) -> list[str]:
    lines = []
    for s in item["statements"]:
        speaker = f"Ý kiến của {s['speaker']}" if s["speaker"] else "Ý kiến phát biểu"
        lines.append(f"{speaker}: {s['text']}")
    if item.get("answerer"):
        lines.append(f"Người được phân công giải đáp: {item['answerer']}.")
    for a in item["answers"]:
        lines.append(f"Giải đáp của {a['by']}: {a['text']}")
    for c in item["commitments"]:
        note = f" ({c['note'].rstrip('.')})" if c["note"] else ""
        promised = datetime.date.fromisoformat(c["promised_on"])
        lines.append(
            f"Cam kết: {c['form_label'].lower()} chậm nhất ngày {ctx.short_date(promised)}{note}."
        )
    for a in item["assignments"]:
        text = f"Giao {a['unit']} xử lý"
        if a["instructions"]:
            text += f": {a['instructions'].rstrip('.')}"
        if a["needs_verification"]:
            text += f" (cần xác minh: {a['verification_reason'].rstrip('.')})"
        lines.append(text + ".")
    if not lines:
        lines.append(item["status_label"] + ".")
    return lines


def _clock(iso: str | None) -> str:
    moment = datetime.datetime.fromisoformat(iso)
    return (
        f"{moment.hour:02d} giờ {moment.minute:02d}, {WEEKDAYS[moment.weekday()]} "
        f"ngày {ctx.short_date(moment.date())}"
    )


def _attendance_lines(doc, content: dict) -> None:
    if content["attendance_note"]:
        doc.paragraph([("Thành phần: ", {"bold": True}), (content["attendance_note"], {})])
    attendance = content["attendance"]
    if not attendance:
        return
    for row in attendance["categories"]:
        if row["present"] or row["absent"]:
            doc.bullet(f"{row['label']}: có mặt {row['present']}, vắng mặt {row['absent']}.")
    if attendance["inspectors"]:
        doc.bullet("Ban Thanh tra nhân dân: " + ", ".join(attendance["inspectors"]) + ".")
    if attendance["guests"]:
        doc.bullet(f"Khách mời: {attendance['guests'].rstrip('.')}.")


def build_minutes(conference) -> OfficialDocument:
    """Build the minutes (Biên bản) from their snapshot: frozen at close, never recomputed;
    corrections made after close follow as addenda."""
    content, sha256 = content_for(conference)
    agency = ctx.as_of(conference.agency, datetime.date.fromisoformat(content["held_on"]))
    kind = "thường kỳ" if content["kind"] != Kind.AD_HOC else "đột xuất"
    doc = OfficialDocument(
        ctx.header(
            agency,
            type_code="BB",
            type_name="Biên bản",
            summary=content["title"],
            issued_on=datetime.date.fromisoformat(content["held_on"]),
        )
    )
    office = content["agency"]["short_name"] or content["agency"]["name"]
    opened = content["opened_at"] or timezone.localtime(conference.starts_at).isoformat()
    doc.heading("I. THỜI GIAN, ĐỊA ĐIỂM")
    doc.paragraph(
        f"Vào hồi {_clock(opened)}, tại {content['place']}, {office} tổ chức "
        f"{content['title']} (hội nghị {kind})."
    )
    doc.heading("II. THÀNH PHẦN THAM DỰ")
    doc.paragraph([("Chủ trì: ", {"bold": True}), (f"{_chair_text(content['chair'])}.", {})])
    secretary = content["secretary"]
    if secretary:
        doc.paragraph([("Thư ký: ", {"bold": True}), (f"{secretary}.", {})])
    _attendance_lines(doc, content)
    doc.heading("III. NỘI DUNG HỘI NGHỊ")
    sec = ctx.secretariat_unit(agency)
    items = content["items"]
    doc.paragraph(
        f"{sec.name if sec else 'Bộ phận tổng hợp'} báo cáo tổng hợp "
        f"{ctx.count(len(items), 'kiến nghị')} của CCVC và người lao động."
        + (" Hội nghị đối thoại lần lượt các nội dung sau:" if items else "")
    )
    for n, item in enumerate(items, start=1):
        doc.paragraph(
            [
                (f"{n}. {item['title']} ", {"bold": True}),
                (f"(mã {item['code']}; người kiến nghị: {item['submitter']}).", {}),
            ]
        )
        for line in _item_lines(item):
            doc.bullet(line)
    for s in content["other_statements"]:
        doc.bullet(f"Ý kiến của {s['speaker'] or 'đại biểu'}: {s['text']}")
    conclusion = [line.strip() for line in content["conclusion"].splitlines() if line.strip()]
    if conclusion:
        doc.heading("IV. KẾT LUẬN CỦA CHỦ TRÌ")
        for line in conclusion:
            doc.paragraph(line)
    if content["closed_at"]:
        closed = datetime.datetime.fromisoformat(content["closed_at"])
        same_day = closed.date().isoformat() == (content["opened_at"] or "")[:10]
        day = "cùng ngày" if same_day else f"ngày {ctx.short_date(closed.date())}"
        doc.paragraph(
            f"Hội nghị kết thúc vào hồi {closed.hour:02d} giờ {closed.minute:02d} {day}. "
            f"Biên bản đã được đọc lại cho hội nghị nghe và thông qua./."
        )
    doc.closing(
        [],
        ctx.archive_line(agency),
        [
            Signature(["Thư ký"], secretary, conference.secretary),
            Signature(["Chủ trì"], content["chair"]["name"], conference.chair),
        ],
    )
    addenda = list(conference.addenda.select_related("recorded_by").order_by("number"))
    if addenda:
        doc.heading("ĐÍNH CHÍNH BIÊN BẢN")
        for a in addenda:
            when = timezone.localtime(a.recorded_at).date()
            doc.paragraph(
                f"{a.number}. Ngày {ctx.short_date(when)}, {ctx.display_name(a.recorded_by)} "
                f"đính chính: {a.text} (lý do: {a.reason.rstrip('.')})."
            )
    if sha256:
        doc.paragraph(f"Mã kiểm tra biên bản (SHA-256): {sha256}", indent=False)
    return doc
