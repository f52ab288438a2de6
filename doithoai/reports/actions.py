"""Actions on periodic reports: record that a report went up to the Provincial Committee."""

from django.db import transaction
from django.utils.translation import gettext as _

from doithoai.audit.log import record
from doithoai.audit.models import Verb
from doithoai.core import events
from doithoai.core.actionkit import require, today
from doithoai.core.errors import InvalidTransition, ValidationFailed
from doithoai.deadlines import actions as deadlines


def report_deadline(agency, year: int, half: int | None):
    """Return the deadline of a year's semi-annual (half=1) or annual report, if planned.

    The plan issued for `year` opens both (see `conferences.actions.issue_plan`).
    """
    from doithoai.conferences.models import DialoguePlan
    from doithoai.deadlines.models import Deadline

    plan = DialoguePlan.objects.filter(agency=agency, year=year).first()
    if plan is None or half not in (None, 1):
        return None
    kind = "semiannual_report" if half == 1 else "annual_report"
    return (
        Deadline.objects.filter(agency=agency, kind=kind, object_id=plan.pk).order_by("-id").first()
    )


@transaction.atomic
def submit_report(*, agency, year: int, half: int | None, by, symbol: str = ""):
    """Record that the semi-annual (half=1) or annual report of `year` was sent (rule 8)."""
    from doithoai.conferences.models import DialoguePlan

    require("reports.submit_report", by, agency)
    if half not in (None, 1):
        raise ValidationFailed(_("Chỉ có báo cáo 6 tháng đầu năm hoặc báo cáo năm."), field="half")
    plan = DialoguePlan.objects.filter(agency=agency, year=year).first()
    if plan is None:
        raise ValidationFailed(
            _("Năm %(y)s chưa có kế hoạch đối thoại.") % {"y": year}, field="year"
        )
    deadline = report_deadline(agency, year, half)
    if deadline is None or deadline.status != "open":
        raise InvalidTransition(_("Báo cáo này đã được ghi nhận là đã gửi."), field="half")
    deadlines.complete_deadlines(subject=plan, kind=deadline.kind, by=by, on=today())
    events.publish("report_submitted", agency=agency, by=by, plan=plan, year=year, half=half)
    record(
        Verb.REPORT_SUBMITTED,
        plan,
        by=by,
        after={"year": year, "half": half, "symbol": symbol.strip()[:40], "sent_on": today()},
    )
    return plan
