"""The report exchange with the province: read a sent report, return it, accept it."""

import datetime

import rules
from ninja import Field, Router

from doithoai.reports import actions as reports
from doithoai.reports.models import ReportSubmission

from . import schemas as s
from .errors import ERRORS, not_found
from .idempotency import idempotent
from .serialize import dump

router = Router()


class ReportSubmissionOut(s.Schema):
    id: int
    agency_code: str
    year: int
    half: int | None
    version: int
    status: str
    symbol: str
    figures: dict
    sha256: str
    submitted_at: datetime.datetime
    reviewed_at: datetime.datetime | None
    return_reason: str


class ReportReturnIn(s.In):
    reason: str = Field(..., min_length=1, max_length=2000)


def _submission(request, pk: int) -> ReportSubmission:
    """Return a sending the caller may see (its agency's insiders, the province above)."""
    found = ReportSubmission.objects.select_related("agency").filter(pk=pk).first()
    if found is None or not rules.has_perm("reports.view_submission", request.auth, found):
        raise not_found()
    return found


def _out(submission: ReportSubmission) -> dict:
    return dump(
        ReportSubmissionOut,
        {
            "id": submission.pk,
            "agency_code": submission.agency.code,
            "year": submission.year,
            "half": submission.period or None,
            "version": submission.version,
            "status": submission.status,
            "symbol": submission.symbol,
            "figures": submission.figures,
            "sha256": submission.sha256,
            "submitted_at": submission.submitted_at,
            "reviewed_at": submission.reviewed_at,
            "return_reason": submission.return_reason,
        },
    )


@router.get(
    "/reports/submissions/{s_id}", response={200: ReportSubmissionOut, **ERRORS}, tags=["reports"]
)
def submission_detail(request, s_id: s.PathId):
    """Read a report as it was sent: its version, status, frozen figures and digest."""
    return 200, _out(_submission(request, s_id))


@router.post(
    "/reports/submissions/{s_id}/return",
    response={200: ReportSubmissionOut, **ERRORS},
    tags=["reports"],
)
@idempotent
def submission_return(request, s_id: s.PathId, payload: ReportReturnIn):
    """Return a report to its agency with the reason (the province office above it)."""
    found = _submission(request, s_id)
    return 200, _out(
        reports.return_report(submission=found, reason=payload.reason, by=request.auth)
    )


@router.post(
    "/reports/submissions/{s_id}/accept",
    response={200: ReportSubmissionOut, **ERRORS},
    tags=["reports"],
)
@idempotent
def submission_accept(request, s_id: s.PathId):
    """Accept a report sent up (the province office above its agency)."""
    found = _submission(request, s_id)
    return 200, _out(reports.accept_report(submission=found, by=request.auth))
