"""How a deadline reads on a page: working days left or days overdue, and how it was computed."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from doithoai.core.text import format_vn_date
from doithoai.workdays.loader import get_calendar


def stored(subject, kind: str):
    """Return the subject's stored deadline of `kind`: the running or met one, else the latest
    (every page, document and response shows this date; none recomputes it)."""
    from django.contrib.contenttypes.models import ContentType

    from .models import Deadline, Status

    rows = Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk, kind=kind
    ).order_by("-pk")
    return rows.exclude(status=Status.CANCELLED).first() or rows.first()


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
        left = get_calendar().working_days_between(today, due)
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
        "computation": explain(computation),
    }


def explain(computation: dict | None) -> list[tuple[str, str]]:
    """Return how a deadline was computed as labelled lines a person reads (no raw keys).

    The texts were written in Vietnamese when the deadline opened and are stored with it, so
    the panel shows what was decided then, whatever the calendar says today.
    """
    if not computation:
        return []
    made_up = ", ".join(
        f"{format_vn_date(datetime.date.fromisoformat(d['date']))} ({d['name']})"
        for d in computation.get("made_up") or []
    )
    rows = [
        (_("Quy định áp dụng"), computation.get("rule_text", "")),
        (_("Cách đếm"), computation.get("text", "")),
        (_("Ngày nghỉ không tính"), computation.get("skipped_text", "")),
        (_("Ngày làm bù được tính"), made_up),
        (_("Hạn rơi vào ngày nghỉ"), (computation.get("rolled") or {}).get("text", "")),
        (_("Hạn"), computation.get("due_text", "")),
    ]
    return [(label, str(text)) for label, text in rows if text]
