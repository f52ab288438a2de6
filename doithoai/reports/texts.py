"""The prose of a periodic report: what the secretariat wrote, else a draft made from the figures.

The draft states only what the figures show, so a report printed before anyone wrote its
prose still reads as a whole and never carries a placeholder.
"""

from .models import TEXT_FIELDS, ReportText

TITLES = {
    "assessment": "Đánh giá chung",
    "shortcomings": "Tồn tại, hạn chế",
    "causes": "Nguyên nhân",
    "directions": "Phương hướng, nhiệm vụ",
    "recommendations": "Kiến nghị, đề xuất",
}


def _n(n: int) -> str:
    return f"{n:02d}"


def next_period_words(year: int, half: int | None) -> str:
    """Return the period after the report's: "6 tháng cuối năm 2018" or "năm 2019"."""
    return f"6 tháng cuối năm {year}" if half == 1 else f"năm {year + 1}"


def drafted(summary: dict, year: int, half: int | None) -> dict[str, str]:
    """Draft each prose part from the period's figures."""
    f, c = summary["figures"], summary["conferences"]
    problems = []
    if c["held"] < c["regular_required"]:
        problems.append(
            f"Tổ chức {_n(c['held'])}/{_n(c['regular_required'])} hội nghị đối thoại định kỳ "
            f"theo kế hoạch."
        )
    if f["resolved_late"]:
        problems.append(
            f"Có {_n(f['resolved_late'])} kiến nghị giao đơn vị xử lý được báo cáo kết quả trễ hạn."
        )
    if f["still_open"]:
        problems.append(f"Còn {_n(f['still_open'])} kiến nghị chưa được giải quyết dứt điểm.")
    remaining = f"{_n(f['still_open'])} kiến nghị còn lại" if f["still_open"] else "các kiến nghị"
    return {
        "assessment": (
            "Việc đối thoại trực tiếp được thực hiện theo kế hoạch; các kiến nghị của CCVC và "
            "người lao động được tiếp nhận, tổng hợp, giải đáp và theo dõi đến khi có kết quả."
        ),
        "shortcomings": "\n".join(problems) or "Trong kỳ không có tồn tại, hạn chế.",
        "causes": (
            "Một số phòng, ban, đơn vị chưa báo cáo kết quả giải quyết đúng thời hạn được giao."
            if f["resolved_late"] or f["still_open"]
            else "Không có."
        ),
        "directions": (
            f"Tiếp tục thực hiện kế hoạch đối thoại trực tiếp {next_period_words(year, half)}; "
            f"tiếp nhận, tổng hợp đầy đủ kiến nghị của CCVC và người lao động; đôn đốc các "
            f"phòng, ban, đơn vị giải quyết dứt điểm {remaining} đúng thời hạn."
        ),
        "recommendations": "Không có kiến nghị, đề xuất.",
    }


def stored(agency, year: int, half: int | None) -> ReportText | None:
    """Return the prose the secretariat saved for the period, if any."""
    return ReportText.objects.filter(agency=agency, year=year, period=half or 0).first()


def report_texts(agency, year: int, half: int | None, summary: dict) -> dict[str, str]:
    """Return each prose part: the saved text where written, else the draft."""
    draft = drafted(summary, year, half)
    saved = stored(agency, year, half)
    return {
        name: (getattr(saved, name) if saved and getattr(saved, name).strip() else draft[name])
        for name in TEXT_FIELDS
    }
