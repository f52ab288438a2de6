"""`/api/v1/reports/text`: the prose parts of a period's report, read and written.

The figures of a semi-annual or annual report come from `/reports/summary`; what they
cannot say (the assessment, shortcomings and their causes, the next period's directions,
recommendations) the secretariat writes, as on the report page, until the report is sent.
"""

import datetime

from ninja import Field, Query, Router

from doithoai.organizations.models import AGENCY_WIDE_ROLES
from doithoai.reports import actions as reports
from doithoai.reports import summaries
from doithoai.reports.models import TEXT_FIELDS
from doithoai.reports.texts import report_texts, stored

from . import schemas as s
from .errors import ERRORS
from .idempotency import idempotent
from .misc import _reporting_agency
from .petitions import _agency_for

router = Router(tags=["reports"])

HALF = Field(
    None, ge=1, le=2, description="1: January–June (the semi-annual report); omitted: the year."
)


class ReportTextQuery(s.CleanText):
    year: int = Field(..., ge=2000, le=2100)
    half: int | None = HALF
    agency_id: s.Id | None = Field(None, description="Defaults to the caller's own agency.")


class ReportTextParts(s.Schema):
    assessment: str
    shortcomings: str
    causes: str
    directions: str
    recommendations: str


class ReportTextOut(s.Schema):
    year: int
    half: int | None
    frozen: bool = Field(description="True once the report was recorded as sent.")
    submitted_at: datetime.datetime | None
    updated_at: datetime.datetime | None
    saved: ReportTextParts = Field(description="What the secretariat wrote (empty if nothing).")
    printed: ReportTextParts = Field(
        description="What the report prints: the saved text, or the draft built from the "
        "figures where nothing was written."
    )


def _text(max_length=reports.MAX_TEXT):
    return Field(None, max_length=max_length, description="Omitted: left as it is.")


class ReportTextIn(s.In):
    year: int = Field(..., ge=2000, le=2100)
    half: int | None = HALF
    agency_id: s.Id | None = Field(None, description="Defaults to the caller's own agency.")
    assessment: str | None = _text()
    shortcomings: str | None = _text()
    causes: str | None = _text()
    directions: str | None = _text()
    recommendations: str | None = _text()


def _out(agency, year: int, half: int | None) -> dict:
    saved = stored(agency, year, half)
    printed = report_texts(agency, year, half, summaries.summary([agency], year, half))
    return {
        "year": year,
        "half": half,
        "frozen": bool(saved and saved.is_frozen),
        "submitted_at": saved.submitted_at if saved else None,
        "updated_at": saved.updated_at if saved else None,
        "saved": {name: getattr(saved, name) if saved else "" for name in TEXT_FIELDS},
        "printed": printed,
    }


@router.get("/reports/text", response={200: ReportTextOut, **ERRORS})
def read_report_text(request, query: Query[ReportTextQuery]):
    """Return the prose of the period's report, as saved and as the report prints it."""
    agency = _reporting_agency(request.auth, query.agency_id, AGENCY_WIDE_ROLES)
    return 200, _out(agency, query.year, query.half)


@router.post("/reports/text", response={200: ReportTextOut, **ERRORS})
@idempotent
def write_report_text(request, payload: ReportTextIn):
    """Write the prose parts given (the secretariat), until the report is sent."""
    agency = _agency_for(request, payload.agency_id)
    texts = {name: getattr(payload, name) for name in TEXT_FIELDS}
    reports.save_report_text(
        agency=agency,
        year=payload.year,
        half=payload.half,
        by=request.auth,
        **{name: value for name, value in texts.items() if value is not None},
    )
    return 200, _out(agency, payload.year, payload.half)
