"""Actions on periodic reports: record that a report went up to the Provincial Committee."""

import hashlib

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.anchors import anchor_on_commit
from doithoai.audit.log import record
from doithoai.audit.models import Verb
from doithoai.core import events
from doithoai.core.actionkit import require, require_text, today
from doithoai.core.errors import InvalidTransition, ValidationFailed
from doithoai.core.params import parse_year
from doithoai.deadlines import actions as deadlines

from .models import TEXT_FIELDS, ReportSubmission, ReportText, SubmissionStatus

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


# How the report document is frozen: the documents app (a sibling, which builds the DOCX from
# these figures) registers `render(agency, year, half, summary) -> (docx bytes, signature)`,
# the signature being the block the document prints (lines, name, user pk, number_symbol).
DOCUMENT_RENDERERS: list = []
# Whether an agency's reports go out signed and sealed: the signing app (a layer above)
# registers `requires(agency) -> bool` (true when the agency can seal digitally).
SIGNATURE_POLICIES: list = []


def requires_signature(agency) -> bool:
    """Tell whether the agency's report must be signed and sealed before it is sent."""
    return any(policy(agency) for policy in SIGNATURE_POLICIES)


def latest_submission(agency, year: int, half: int | None):
    """Return the period's last sending to the province, or None."""
    return (
        ReportSubmission.objects.filter(agency=agency, year=year, period=half or 0)
        .order_by("-version")
        .first()
    )


def reviewer_of(agency):
    """Return the agency that receives `agency`'s reports: its parent when someone there holds
    the supervisor role (a province office in the system), else None."""
    from doithoai.organizations.models import MembershipRole, Role

    parent = agency.parent
    if parent is None:
        return None
    staffed = MembershipRole.objects.filter(
        agency=parent, role=Role.SUPERVISOR, membership__is_active=True
    ).exists()
    return parent if staffed else None


def _check_sendable(agency, year, half, by):
    """Refuse unless the period's report may be frozen now; return (plan, latest version)."""
    from doithoai.conferences.models import DialoguePlan

    require("reports.submit_report", by, agency)
    if half not in (None, 1):
        raise ValidationFailed(_("Chỉ có báo cáo 6 tháng đầu năm hoặc báo cáo năm."), field="half")
    plan = DialoguePlan.objects.filter(agency=agency, year=year).first()
    if plan is None:
        raise ValidationFailed(
            _("Năm %(y)s chưa có kế hoạch đối thoại.") % {"y": year}, field="year"
        )
    latest = latest_submission(agency, year, half)
    if latest is not None and latest.status == SubmissionStatus.PREPARED:
        raise InvalidTransition(
            _("Báo cáo đã chốt, đang chờ ký số và đóng dấu để gửi."), field="half"
        )
    if latest is not None and latest.status != SubmissionStatus.RETURNED:
        raise InvalidTransition(_("Báo cáo này đã được ghi nhận là đã gửi."), field="half")
    if latest is not None:
        # A returned report sent again meets the agency's resend deadline.
        deadlines.complete_deadlines(subject=latest, kind="report_resend", by=by, on=today())
    if latest is None:
        deadline = report_deadline(agency, year, half)
        if deadline is None or deadline.status != "open":
            raise InvalidTransition(_("Báo cáo này đã được ghi nhận là đã gửi."), field="half")
    return plan, latest


def _freeze_text(agency, year, half) -> None:
    """Freeze the report's prose with the version (it is what will be sent)."""
    text, _created = ReportText.objects.select_for_update().get_or_create(
        agency=agency, year=year, period=half or 0
    )
    text.submitted_at = timezone.now()
    text.save(update_fields=["submitted_at"])


@transaction.atomic
def submit_report(*, agency, year: int, half: int | None, by, symbol: str = ""):
    """Send the semi-annual (half=1) or annual report of `year` up (rule 8) unsigned: its
    figures and its document are frozen as sent; a report the province returned is sent again
    as the next version. Only where the agency does not sign digitally: there the report is
    frozen by `prepare_report` and sent by the seal (`send_report`)."""
    agency = _lock_agency(agency)
    plan, latest = _check_sendable(agency, year, half, by)
    if requires_signature(agency):
        raise InvalidTransition(
            _(
                "Cơ quan ký số văn bản: báo cáo gửi cấp trên phải được lãnh đạo ký số và văn thư "
                "đóng dấu. Chốt báo cáo để ký số; báo cáo được gửi khi văn thư đóng dấu."
            ),
            field="half",
        )
    _freeze_text(agency, year, half)
    submission = _freeze(
        agency, year, half, by, symbol, version=(latest.version + 1) if latest else 1
    )
    _send(submission, plan, by)
    return plan


@transaction.atomic
def prepare_report(*, agency, year: int, half: int | None, by, symbol: str = ""):
    """Freeze the period's report as its next version for the head to sign (the secretariat).

    The figures, the prose and the DOCX are frozen here, once: the head signs this version's
    PDF, the secretariat's seal sends it (`send_report`). Only where the agency signs
    digitally (else `submit_report` sends it at once)."""
    agency = _lock_agency(agency)
    plan, latest = _check_sendable(agency, year, half, by)
    if not requires_signature(agency):
        raise InvalidTransition(
            _("Cơ quan chưa cấu hình con dấu và khóa ký số: ghi nhận gửi báo cáo không ký số."),
            field="half",
        )
    _freeze_text(agency, year, half)
    submission = _freeze(
        agency,
        year,
        half,
        by,
        symbol,
        version=(latest.version + 1) if latest else 1,
        status=SubmissionStatus.PREPARED,
    )
    record(
        Verb.REPORT_PREPARED,
        submission,
        by=by,
        after={
            "year": year,
            "half": half,
            "version": submission.version,
            "sha256": submission.sha256,
            "figures": submission.figures,
        },
    )
    return submission


@transaction.atomic
def send_report(*, submission: ReportSubmission, by) -> ReportSubmission:
    """Send a prepared version once it is signed and sealed (called by the signing app in the
    transaction that stores the sealed PDF): the province receives exactly that version."""
    from doithoai.conferences.models import DialoguePlan

    submission = ReportSubmission.objects.select_for_update().get(pk=submission.pk)
    require("reports.submit_report", by, submission.agency)
    if submission.status != SubmissionStatus.PREPARED:
        raise InvalidTransition(_("Báo cáo này không chờ gửi."), field="submission")
    submission.status = SubmissionStatus.SUBMITTED
    submission.submitted_at = timezone.now()
    submission.save(update_fields=["status", "submitted_at"])
    plan = DialoguePlan.objects.get(agency=submission.agency, year=submission.year)
    _send(submission, plan, by)
    return submission


def _lock_agency(agency):
    from doithoai.organizations.models import Agency

    return Agency.objects.select_for_update().get(pk=agency.pk)


def _send(submission: ReportSubmission, plan, by) -> None:
    """Record a version as sent: the report deadline met (first sending), the province's
    review deadline opened, the event published, audited, the chain anchored."""
    agency, year, half = submission.agency, submission.year, submission.period or None
    if submission.version == 1:
        deadline = report_deadline(agency, year, half)
        if deadline is not None and deadline.status == "open":
            deadlines.complete_deadlines(subject=plan, kind=deadline.kind, by=by, on=today())
    events.publish("report_submitted", agency=agency, by=by, plan=plan, year=year, half=half)
    reviewer = reviewer_of(agency)
    if reviewer is not None:
        deadlines.open_deadline(
            kind="report_review", subject=submission, agency=reviewer, start=today(), by=by
        )
    record(
        Verb.REPORT_SUBMITTED,
        plan,
        by=by,
        after={
            "year": year,
            "half": half,
            "symbol": submission.symbol,
            "sent_on": today(),
            "version": submission.version,
            "sha256": submission.sha256,
            "figures": submission.figures,
        },
    )
    # Every report sent up fixes the chain's head outside the database (a signed checkpoint).
    anchor_on_commit(agency)


def _freeze(
    agency, year, half, by, symbol, *, version, status=SubmissionStatus.SUBMITTED
) -> ReportSubmission:
    from . import stats

    # Counted from the rows (the stored summaries are a cache written outside the audit
    # trail: writing one here would leave a row changed after its sealed state).
    summary = stats.summary(agency, year, half)
    figures = summary["figures"]
    document, signature = b"", {}
    for render in DOCUMENT_RENDERERS:
        document, signature = render(agency, year, half, summary)
    return ReportSubmission.objects.create(
        agency=agency,
        year=year,
        period=half or 0,
        version=version,
        status=status,
        signature=signature,
        symbol=symbol.strip()[:40],
        figures=figures,
        document=document or None,
        sha256=hashlib.sha256(document).hexdigest() if document else "",
        submitted_by=by,
        submitted_at=timezone.now(),
    )


def _review(submission, by) -> ReportSubmission:
    submission = ReportSubmission.objects.select_for_update().get(pk=submission.pk)
    require("reports.review_report", by, submission.agency)
    if submission.status != SubmissionStatus.SUBMITTED:
        raise InvalidTransition(_("Báo cáo này đã được xem xét."), field="submission")
    return submission


@transaction.atomic
def return_report(*, submission: ReportSubmission, reason: str, by) -> ReportSubmission:
    """Return a report to the agency with the reason (the province): its prose reopens for
    correction; the version returned is kept as it was sent."""
    submission = _review(submission, by)
    reason = require_text(reason, "reason", _("lý do trả lại"), max_length=2000)
    submission.status = SubmissionStatus.RETURNED
    submission.return_reason = reason
    submission.reviewed_by, submission.reviewed_at = by, timezone.now()
    submission.save(update_fields=["status", "return_reason", "reviewed_by", "reviewed_at"])
    ReportText.objects.filter(
        agency=submission.agency, year=submission.year, period=submission.period
    ).update(submitted_at=None)
    deadlines.complete_deadlines(subject=submission, kind="report_review", by=by, on=today())
    # The agency's turn: send it again within the installation's limit (settings).
    deadlines.open_deadline(
        kind="report_resend", subject=submission, agency=submission.agency, start=today(), by=by
    )
    half = submission.period or None
    events.publish(
        "report_returned", agency=submission.agency, by=by, year=submission.year, half=half
    )
    record(
        Verb.REPORT_RETURNED,
        submission,
        by=by,
        reason=reason,
        after={"version": submission.version},
    )
    return submission


@transaction.atomic
def accept_report(*, submission: ReportSubmission, by) -> ReportSubmission:
    """Accept a report sent up (the province)."""
    submission = _review(submission, by)
    submission.status = SubmissionStatus.ACCEPTED
    submission.reviewed_by, submission.reviewed_at = by, timezone.now()
    submission.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    deadlines.complete_deadlines(subject=submission, kind="report_review", by=by, on=today())
    half = submission.period or None
    events.publish(
        "report_accepted", agency=submission.agency, by=by, year=submission.year, half=half
    )
    record(Verb.REPORT_ACCEPTED, submission, by=by, after={"version": submission.version})
    return submission


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
