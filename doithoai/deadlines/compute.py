"""Compute a step's due date from the agency's rules and the calendar, with its record.

Pure functions over a `WorkCalendar` and a `DeadlineRules` row (or any object with the same
attributes): no database access, so they are tested like the calendar itself.
"""

import datetime
from dataclasses import dataclass

from doithoai.workdays.calendar import WorkCalendar, vn_date

from .models import DayKind, Kind

PLAN = "Kế hoạch đối thoại của cơ quan"
LAW_2022 = "Luật Thực hiện dân chủ ở cơ sở 2022"


@dataclass(frozen=True)
class Computed:
    """A due date with the rule that produced it and how it was counted."""

    due: datetime.date
    days: int
    day_kind: str
    rule: str
    computation: dict


def compute(
    kind: str,
    start: datetime.date,
    rules,
    cal: WorkCalendar,
    *,
    verification: bool = False,
    fixed_due: datetime.date | None = None,
) -> Computed:
    """Return the due date of a step of `kind` that starts on `start`."""
    if kind == Kind.COMPILATION:
        n = rules.compilation_days_before
        rule = f"Gửi tổng hợp kiến nghị chậm nhất {n} ngày trước hội nghị ({PLAN})"
        return _made(cal.explain_days_before(start, n), n, DayKind.CALENDAR, rule)
    if kind == Kind.NOTICE:
        n = rules.notice_working_days
        rule = f"Thông báo kết luận trong {n} ngày làm việc sau hội nghị ({PLAN})"
    elif kind == Kind.RESOLUTION:
        if verification:
            n = rules.resolution_verification_working_days
            rule = (
                f"Báo cáo kết quả xử lý trong tối đa {n} ngày làm việc kể từ ngày thông báo "
                f"kết luận, do cần xác minh, làm rõ ({PLAN})"
            )
        else:
            n = rules.resolution_working_days
            rule = (
                f"Báo cáo kết quả xử lý trong {n} ngày làm việc kể từ ngày thông báo kết luận "
                f"({PLAN})"
            )
    elif kind == Kind.PUBLICATION:
        n = rules.publication_working_days
        rule = (
            f"Công khai trong {n} ngày làm việc, niêm yết ít nhất "
            f"{rules.publication_min_posted_days} ngày liên tục ({LAW_2022}, Điều 47–48)"
        )
    elif kind == Kind.OBSERVATION:
        n = rules.observation_days
        rule = f"Giải quyết kiến nghị của Ban TTND và trả lời trong {n} ngày ({LAW_2022}, Điều 63)"
        return _made(cal.explain_calendar_deadline(start, n), n, DayKind.CALENDAR, rule)
    elif kind == Kind.COMMITMENT:
        if fixed_due is None:
            raise ValueError("fixed_due")
        rule = f"Trả lời theo thời gian đã cam kết tại hội nghị: {vn_date(fixed_due)}"
        record = cal.explain_fixed(start, fixed_due, rule)
        return _made(record, record["days"], DayKind.FIXED, rule)
    elif kind in (Kind.SEMIANNUAL_REPORT, Kind.ANNUAL_REPORT):
        return _report(kind, start, rules, cal, fixed_due)
    elif kind == Kind.REPORT_REVIEW:
        # No legal text sets how long the province takes to review a report: the system's
        # own default, counted like the seed's other limits, in working days.
        n = REPORT_REVIEW_WORKING_DAYS
        rule = (
            f"Cấp trên tiếp nhận hoặc trả lại báo cáo trong {n} ngày làm việc kể từ ngày nhận "
            "(quy định mặc định của hệ thống)"
        )
    elif kind == Kind.REPORT_RESEND:
        # Nor how long an agency has to send a returned report again: the installation's
        # setting (REPORT_RESEND_WORKING_DAYS, 5 by default), in working days from the return.
        n = report_resend_working_days()
        rule = (
            f"Gửi lại báo cáo bị cấp trên trả lại trong {n} ngày làm việc kể từ ngày trả lại "
            "(quy định của hệ thống, đặt theo từng nơi cài đặt)"
        )
    else:
        raise ValueError(kind)
    return _made(cal.explain_working_days(start, n), n, DayKind.WORKING, rule)


def report_resend_working_days() -> int:
    """Return the working days an agency has to send a returned report again (settings)."""
    from django.conf import settings

    return max(1, int(getattr(settings, "REPORT_RESEND_WORKING_DAYS", 5)))


REPORT_REVIEW_WORKING_DAYS = 10


def _report(kind, start, rules, cal, fixed_due) -> Computed:
    """Report dates: "by 25 June" rolls forward over a day off (Civil Code Art. 148); the
    annual report "before 20 December" is due on the 19th, moved back to a working day so
    that it stays before the 20th."""
    if kind == Kind.SEMIANNUAL_REPORT:
        limit = fixed_due or datetime.date(
            start.year, rules.semiannual_report_month, rules.semiannual_report_day
        )
        due = cal.next_working_day(limit)
        rule = f"Báo cáo 6 tháng gửi cấp trên chậm nhất ngày {vn_date(limit)} ({PLAN})"
    else:
        limit = fixed_due or datetime.date(
            start.year, rules.annual_report_month, rules.annual_report_day
        )
        due = cal.previous_working_day(limit)
        rule = f"Báo cáo năm gửi cấp trên trước ngày {vn_date(limit + datetime.timedelta(days=1))} ({PLAN})"
    record = cal.explain_fixed(start, due, rule)
    record["limit"] = limit.isoformat()
    if due != limit:
        record["rolled"] = {
            "from": limit.isoformat(),
            "to": due.isoformat(),
            "text": f"Ngày {vn_date(limit)} là ngày nghỉ ({cal.day_off_name(limit)}); hạn là {vn_date(due)}",
        }
    return _made(record, record["days"], DayKind.FIXED, rule)


def _made(record: dict, days: int, day_kind: str, rule: str) -> Computed:
    record["rule_text"] = rule
    return Computed(
        due=datetime.date.fromisoformat(record["due"]),
        days=days,
        day_kind=day_kind,
        rule=rule,
        computation=record,
    )


def recompute(deadline, cal: WorkCalendar) -> Computed:
    """Recount a stored deadline's own rule (start, days, method) on the calendar `cal`.

    The rule in force when the deadline opened is kept: a recomputation follows a calendar
    correction, not a later change of the agency's rules. Dates fixed by a decision (a
    commitment) stay as they are.
    """
    record = deadline.computation or {}
    method = record.get("rule")
    start, n, rule = deadline.start_date, deadline.days, deadline.rule
    if method == "working_days":
        return _made(cal.explain_working_days(start, n), n, DayKind.WORKING, rule)
    if method == "calendar_days":
        return _made(cal.explain_calendar_deadline(start, n), n, DayKind.CALENDAR, rule)
    if method == "days_before":
        return _made(cal.explain_days_before(start, n), n, DayKind.CALENDAR, rule)
    limit = datetime.date.fromisoformat(record.get("limit", deadline.due_date.isoformat()))
    if deadline.kind == Kind.SEMIANNUAL_REPORT:
        due = cal.next_working_day(limit)
    elif deadline.kind == Kind.ANNUAL_REPORT:
        due = cal.previous_working_day(limit)
    else:
        due = deadline.due_date
    fixed = cal.explain_fixed(start, due, rule)
    fixed["limit"] = limit.isoformat()
    return _made(fixed, fixed["days"], DayKind.FIXED, rule)
