"""How a deadline reads on a page: working days left or days overdue, and how it was computed."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Count working days after `start` up to and including `end` (the official calendar);
    beyond the calendar's years (after 2100) count weekdays."""
    from doithoai.workdays.calendar import OutOfRange, get_calendar

    try:
        return get_calendar().working_days_between(start, end)
    except OutOfRange:
        return sum(
            (start + datetime.timedelta(days=i)).weekday() < 5
            for i in range(1, (end - start).days + 1)
        )


def describe(deadline, today: datetime.date | None = None) -> dict:
    """Return the badge's context: text, tone, due date and the computation to unfold."""
    if deadline is None:
        return {"deadline": None}
    today = today or timezone.localdate()
    due = getattr(deadline, "due_date", deadline)
    computation = getattr(deadline, "computation", None)
    status = getattr(deadline, "status", "open")
    if status == "met":
        late = getattr(deadline, "completed_late", False)
        text = _("Hoàn thành trễ hạn") if late else _("Đã hoàn thành đúng hạn")
        tone = "warn" if late else "ok"
    elif status == "cancelled":
        text, tone = _("Đã hủy"), "muted"
    elif due < today:
        overdue = (today - due).days
        text = ngettext("quá hạn %(n)d ngày", "quá hạn %(n)d ngày", overdue) % {"n": overdue}
        tone = "late"
    else:
        left = _working_days_between(today, due)
        if left == 0:
            text = _("hết hạn hôm nay")
            tone = "warn"
        else:
            text = ngettext("còn %(n)d ngày làm việc", "còn %(n)d ngày làm việc", left) % {
                "n": left
            }
            tone = "warn" if left <= 2 else "ok"
    return {
        "deadline": deadline,
        "due": due,
        "text": text,
        "tone": tone,
        "label": getattr(deadline, "get_kind_display", lambda: "")(),
        "computation": computation,
    }
