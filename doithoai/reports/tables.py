"""The report's tables, built once from `stats.summary` for the DOCX report, Excel and pages."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from doithoai.petitions.models import Channel, Status, TopicGroup


@dataclass
class Table:
    """A titled table of numbers: header row, body rows and an optional total row."""

    key: str
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    total: list | None = None


def _rate(value) -> str:
    return "" if value is None else f"{value * 100:.0f}%"


def report_tables(summary: dict) -> list[Table]:
    """Return every table of the report, in the order the report prints them."""
    c, p, o, m = (
        summary["conferences"],
        summary["petitions"],
        summary["outcomes"],
        summary["commitments"],
    )
    tables = [
        Table(
            "conferences",
            _("Hội nghị đối thoại"),
            [_("Chỉ tiêu"), _("Số lượng")],
            [
                [_("Hội nghị định kỳ theo kế hoạch"), c["regular_required"]],
                [_("Hội nghị đã lên lịch"), c["scheduled"]],
                [_("Hội nghị đã tổ chức"), c["held"]],
                [_("Trong đó: hội nghị đột xuất"), c["ad_hoc_held"]],
                [_("Hội nghị bị hủy"), c["cancelled"]],
            ],
        ),
        Table(
            "by_group",
            _("Kiến nghị theo nhóm nội dung"),
            [_("STT"), _("Nhóm nội dung"), _("Số kiến nghị")],
            [
                [i, TopicGroup(g).label if g in TopicGroup.values else _("Chưa phân loại"), n]
                for i, (g, n) in enumerate(p["by_group"].items(), start=1)
            ],
            total=["", _("Tổng cộng"), p["received"]],
        ),
        Table(
            "by_topic",
            _("Kiến nghị theo chủ đề"),
            [_("STT"), _("Chủ đề"), _("Số kiến nghị")],
            [
                [i, row["name"] or _("Chưa phân loại"), row["count"]]
                for i, row in enumerate(p["by_topic"], start=1)
            ],
            total=["", _("Tổng cộng"), p["received"]],
        ),
        Table(
            "by_channel",
            _("Kiến nghị theo kênh tiếp nhận"),
            [_("STT"), _("Kênh tiếp nhận"), _("Số kiến nghị")],
            [
                [i, Channel(ch).label, n]
                for i, (ch, n) in enumerate(p["by_channel"].items(), start=1)
            ],
            total=["", _("Tổng cộng"), p["received"]],
        ),
        Table(
            "by_unit",
            _("Kiến nghị theo đơn vị liên quan"),
            [_("STT"), _("Đơn vị"), _("Số kiến nghị")],
            [
                [i, row["name"] or _("Chưa xác định đơn vị"), row["count"]]
                for i, row in enumerate(p["by_unit"], start=1)
            ],
            total=["", _("Tổng cộng"), p["received"]],
        ),
        Table(
            "outcomes",
            _("Kết quả giải quyết kiến nghị"),
            [_("Chỉ tiêu"), _("Số kiến nghị")],
            [
                [_("Giải đáp trực tiếp tại hội nghị"), o["settled_at_conference"]],
                [_("Trả lời bằng văn bản"), o["answered_in_writing"]],
                [_("Cam kết thời gian, hình thức trả lời"), o["committed"]],
                [_("Giao đơn vị xử lý"), o["assigned"]],
                [_("Đơn vị báo cáo đúng hạn"), o["resolved_on_time"]],
                [_("Đơn vị báo cáo trễ hạn"), o["resolved_late"]],
                [_("Đang quá hạn báo cáo"), o["overdue"]],
                [_("Đang giải quyết"), o["still_open"]],
                [_("Không thuộc thẩm quyền, từ chối"), o["rejected"]],
                [_("Chuyển cơ quan có thẩm quyền"), o["transferred"]],
                [_("Người kiến nghị rút"), o["withdrawn"]],
            ],
        ),
        Table(
            "commitments",
            _("Thực hiện cam kết"),
            [_("Chỉ tiêu"), _("Số lượng")],
            [
                [_("Cam kết đã đưa ra"), m["made"]],
                [_("Đã thực hiện đúng hạn"), m["kept_on_time"]],
                [_("Đã thực hiện nhưng trễ hạn"), m["kept_late"]],
                [_("Chưa thực hiện"), m["open"]],
                [_("Trong đó: đã quá hạn"), m["overdue"]],
            ],
        ),
        Table(
            "units",
            _("Kết quả xử lý của các đơn vị"),
            [
                _("STT"),
                _("Đơn vị"),
                _("Được giao"),
                _("Đúng hạn"),
                _("Trễ hạn"),
                _("Đang xử lý"),
                _("Quá hạn"),
                _("Tỷ lệ đúng hạn"),
            ],
            [
                [
                    i,
                    u["name"],
                    u["assigned"],
                    u["reported_on_time"],
                    u["reported_late"],
                    u["open"],
                    u["overdue"],
                    _rate(u["on_time_rate"]),
                ]
                for i, u in enumerate(summary["units"], start=1)
            ],
        ),
    ]
    return tables


def status_label(code: str) -> str:
    """Return the Vietnamese label of a petition status code."""
    return Status(code).label if code in Status.values else code
