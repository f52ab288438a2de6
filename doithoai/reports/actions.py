"""Actions on periodic reports: record that a report went up to the Provincial Committee."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.anchors import anchor_on_commit
from doithoai.audit.log import record
from doithoai.audit.models import Verb
from doithoai.core import events
from doithoai.core.actionkit import require, today
from doithoai.core.errors import InvalidTransition, ValidationFailed
from doithoai.core.params import parse_year
from doithoai.deadlines import actions as deadlines

from .models import TEXT_FIELDS, ReportText

MAX_TEXT = 20000


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
    # What was sent is final: the report's prose freezes with it.
    text, _created = ReportText.objects.select_for_update().get_or_create(
        agency=agency, year=year, period=half or 0
    )
    text.submitted_at = timezone.now()
    text.save(update_fields=["submitted_at"])
    record(
        Verb.REPORT_SUBMITTED,
        plan,
        by=by,
        after={"year": year, "half": half, "symbol": symbol.strip()[:40], "sent_on": today()},
    )
    # Every report sent up fixes the chain's head outside the database (a signed checkpoint).
    anchor_on_commit(agency)
    return plan


@transaction.atomic
def save_report_text(*, agency, year: int, half: int | None, by, **texts) -> ReportText:
    """Write the prose parts of a period's report (the secretariat), until it is sent."""
    require("reports.write_report", by, agency)
    year = parse_year(year)
    if half not in (None, 1, 2):
        raise ValidationFailed(_("Kỳ báo cáo là 6 tháng đầu, 6 tháng cuối hoặc cả năm."), "half")
    unknown = set(texts) - set(TEXT_FIELDS)
    if unknown:
        raise ValidationFailed(_("Phần báo cáo không hợp lệ."), field=sorted(unknown)[0])
    report, _created = ReportText.objects.select_for_update().get_or_create(
        agency=agency, year=year, period=half or 0
    )
    if report.is_frozen:
        raise InvalidTransition(
            _("Báo cáo đã gửi nên nội dung không sửa được nữa."), field="assessment"
        )
    before = {name: getattr(report, name) for name in TEXT_FIELDS}
    for name, value in texts.items():
        value = (value or "").strip()
        if len(value) > MAX_TEXT:
            raise ValidationFailed(_("Nội dung dài quá %(n)s ký tự.") % {"n": MAX_TEXT}, name)
        setattr(report, name, value)
    after = {name: getattr(report, name) for name in TEXT_FIELDS}
    if after == before and not _created:
        return report
    report.updated_by = by
    report.updated_at = timezone.now()
    report.save()
    changed = [name for name in TEXT_FIELDS if before[name] != after[name]]
    record(
        Verb.REPORT_TEXT_SAVED,
        report,
        by=by,
        before={name: before[name] for name in changed},
        after={"year": year, "half": half, **{name: after[name] for name in changed}},
    )
    return report
