"""Reports as an exchange: submit (frozen), return with a reason, resubmit, accept."""

import datetime
import hashlib
import io

import docx
import pytest

from doithoai.audit.models import AuditEvent, Verb
from doithoai.conferences import actions as conf
from doithoai.core.errors import InvalidTransition, PermissionRefused, ValidationFailed
from doithoai.deadlines.models import Deadline
from doithoai.notifications.models import Notification
from doithoai.organizations.models import Role
from doithoai.reports import summaries
from doithoai.reports.actions import accept_report, latest_submission, return_report, submit_report
from doithoai.reports.models import ReportSubmission, ReportText
from doithoai.testing import factories as f


@pytest.fixture
def province(cast, time_machine):
    f.freeze(time_machine, f.aware(2018, 1, 3, 9))
    province = f.AgencyFactory(code="UBNDHG", name="UBND tỉnh Hà Giang")
    cast.agency.parent = province
    cast.agency.save(update_fields=["parent"])
    plan = conf.create_plan(agency=cast.agency, year=2018, by=cast.secretariat)
    conf.issue_plan(plan=plan, issued_on=datetime.date(2018, 1, 3), by=cast.secretariat)
    f.received(cast)
    return {
        "agency": province,
        "supervisor": f.member(province, Role.SUPERVISOR, username="tinh"),
        "elsewhere": f.member(f.AgencyFactory(code="UBNDTQ"), Role.SUPERVISOR),
    }


def _review_deadline(submission):
    return Deadline.objects.get(kind="report_review", object_id=submission.pk)


def test_submit_freezes_the_figures_and_the_document(cast, province, time_machine):
    f.freeze(time_machine, f.aware(2018, 6, 22, 9))
    submit_report(agency=cast.agency, year=2018, half=1, by=cast.secretariat, symbol="15/BC")
    sent = latest_submission(cast.agency, 2018, 1)
    assert (sent.version, sent.status, sent.symbol) == (1, "submitted", "15/BC")
    assert sent.figures["petitions_received"] == 1
    content = bytes(sent.document)
    assert sent.sha256 == hashlib.sha256(content).hexdigest()
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    assert "BÁO CÁO" in text.upper() and "6 tháng đầu năm 2018" in text
    # Later work changes the live figures, never what was sent.
    f.received(cast, title="Kiến nghị gửi sau khi đã báo cáo")
    assert summaries.summary(cast.agency, 2018, 1)["figures"]["petitions_received"] == 2
    sent.refresh_from_db()
    assert sent.figures["petitions_received"] == 1 and bytes(sent.document) == content
    # The province's side: its review deadline, 10 working days from receipt.
    review = _review_deadline(sent)
    assert review.agency_id == province["agency"].pk and review.status == "open"
    assert review.due_date == datetime.date(2018, 7, 6)


def test_only_the_province_above_returns_or_accepts(cast, province, time_machine):
    f.freeze(time_machine, f.aware(2018, 6, 22, 9))
    submit_report(agency=cast.agency, year=2018, half=1, by=cast.secretariat)
    sent = latest_submission(cast.agency, 2018, 1)
    for user in (cast.head, cast.secretariat, province["elsewhere"]):
        with pytest.raises(PermissionRefused):
            accept_report(submission=sent, by=user)
        with pytest.raises(PermissionRefused):
            return_report(submission=sent, reason="Thiếu số liệu.", by=user)
    with pytest.raises(ValidationFailed):
        return_report(submission=sent, reason="  ", by=province["supervisor"])
    sent.refresh_from_db()
    assert sent.status == "submitted"


def test_return_correct_resubmit_accept_keeps_both_versions(cast, province, time_machine):
    f.freeze(time_machine, f.aware(2018, 6, 22, 9))
    submit_report(agency=cast.agency, year=2018, half=1, by=cast.secretariat)
    first = latest_submission(cast.agency, 2018, 1)
    f.freeze(time_machine, f.aware(2018, 6, 26, 9))
    return_report(
        submission=first, reason="Thiếu phần kiến nghị, đề xuất.", by=province["supervisor"]
    )
    first.refresh_from_db()
    assert (first.status, first.return_reason) == ("returned", "Thiếu phần kiến nghị, đề xuất.")
    assert _review_deadline(first).status == "met"
    assert ReportText.objects.get(agency=cast.agency, year=2018, period=1).submitted_at is None
    told = Notification.objects.filter(recipient=cast.secretariat, text__contains="trả lại")
    assert told.count() == 1
    f.freeze(time_machine, f.aware(2018, 6, 27, 9))
    submit_report(agency=cast.agency, year=2018, half=1, by=cast.secretariat, symbol="16/BC")
    second = latest_submission(cast.agency, 2018, 1)
    assert second.version == 2 and second.status == "submitted"
    assert _review_deadline(second).status == "open"
    accept_report(submission=second, by=province["supervisor"])
    statuses = list(
        ReportSubmission.objects.filter(agency=cast.agency, year=2018, period=1)
        .order_by("version")
        .values_list("version", "status")
    )
    assert statuses == [(1, "returned"), (2, "accepted")]
    with pytest.raises(InvalidTransition):
        submit_report(agency=cast.agency, year=2018, half=1, by=cast.secretariat)
    with pytest.raises(InvalidTransition):
        return_report(submission=second, reason="Muộn.", by=province["supervisor"])
    verbs = list(
        AuditEvent.objects.filter(
            verb__in=[Verb.REPORT_SUBMITTED, Verb.REPORT_RETURNED, Verb.REPORT_ACCEPTED]
        )
        .order_by("pk")
        .values_list("verb", flat=True)
    )
    assert verbs == ["report.submitted", "report.returned", "report.submitted", "report.accepted"]
