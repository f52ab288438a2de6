"""The province's table: for every agency below a province office, how its year stands.

Read from the stored per-agency summaries (`summaries.stored_blobs`: one small row per
agency) and three grouped queries (plans, notice deadlines, report deadlines), never from
the agencies' petitions. An agency merged into another is left out: its history is counted
in its successor's row.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from doithoai.conferences.models import DialoguePlan
from doithoai.deadlines.models import Deadline
from doithoai.deadlines.models import Status as DeadlineStatus
from doithoai.organizations.access import below
from doithoai.organizations.models import Agency

from . import summaries
from .models import ReportSubmission, SubmissionStatus

REPORT_STATES = {
    "none": _("Chưa có kế hoạch"),
    "due": _("Chưa đến hạn"),
    "submitted": _("Đã gửi đúng hạn"),
    "late": _("Gửi trễ hạn"),
    "missing": _("Quá hạn chưa gửi"),
}
REPORT_KINDS = (("semiannual_report", 1), ("annual_report", None))


@dataclass
class Row:
    """One agency's line of the province table."""

    agency: Agency
    plan_issued_on: datetime.date | None = None
    conferences_held: int = 0
    conferences_required: int = 0
    notices_total: int = 0
    notices_on_time: int = 0
    assignments_overdue: int = 0
    reports: dict = field(default_factory=dict)  # half (1 or None) -> (state, due, done)
    sent: dict = field(default_factory=dict)  # half (1 or None) -> latest ReportSubmission
    resend: dict = field(default_factory=dict)  # half -> the open resend deadline's due date
    as_of: datetime.date | None = None

    def _report(self, half) -> dict:
        state, due, done = self.reports[half]
        resend_due = self.resend.get(half)
        return {
            "state": state,
            "label": REPORT_STATES[state],
            "due": due,
            "done": done,
            "sent": self.sent.get(half),
            # Returned and not yet sent again: by when, and whether that day has passed.
            "resend_due": resend_due,
            "resend_overdue": bool(resend_due and self.as_of and resend_due < self.as_of),
        }

    @property
    def half_year(self) -> dict:
        """Return the semi-annual report's state, label, due date and sending date."""
        return self._report(1)

    @property
    def annual(self) -> dict:
        """Return the annual report's state, label, due date and sending date."""
        return self._report(None)

    @property
    def states(self) -> set[str]:
        """Return the states of its two reports (for the filter)."""
        return {state for state, _due, _done in self.reports.values()}


def report_state(deadline, as_of: datetime.date) -> str:
    """Return how a report stands: none (no plan), due, submitted, late or missing."""
    if deadline is None:
        return "none"
    if deadline["status"] == DeadlineStatus.MET:
        return "late" if deadline["completed_late"] else "submitted"
    if deadline["status"] == DeadlineStatus.OPEN and deadline["due_date"] < as_of:
        return "missing"
    return "due"


def rows(province: Agency, year: int, as_of: datetime.date) -> list[Row]:
    """Return one row per agency below `province` (merged ones left out), by name."""
    agencies = list(
        Agency.objects.filter(pk__in=below(province), successor__isnull=True).order_by("name")
    )
    ids = [a.pk for a in agencies]
    blobs = summaries.stored_blobs(ids, year, None, as_of)
    plans = {
        p["agency_id"]: p
        for p in DialoguePlan.objects.filter(agency_id__in=ids, year=year).values(
            "pk", "agency_id", "issued_on"
        )
    }
    notices = {
        r["agency_id"]: r
        for r in Deadline.objects.filter(agency_id__in=ids, kind="notice", due_date__year=year)
        .values("agency_id")
        .annotate(
            total=Count("id", filter=~Q(status=DeadlineStatus.CANCELLED)),
            on_time=Count("id", filter=Q(status=DeadlineStatus.MET, completed_late=False)),
        )
    }
    reports = {}
    for d in (
        Deadline.objects.filter(
            agency_id__in=ids,
            kind__in=[k for k, _h in REPORT_KINDS],
            object_id__in=[p["pk"] for p in plans.values()],
        )
        .exclude(status=DeadlineStatus.CANCELLED)
        .order_by("id")
        .values("agency_id", "kind", "status", "due_date", "completed_on", "completed_late")
    ):
        reports[(d["agency_id"], d["kind"])] = d  # the latest one wins
    sent = {}
    received = ReportSubmission.objects.filter(agency_id__in=ids, year=year).exclude(
        status=SubmissionStatus.PREPARED
    )
    for submission in received.order_by("version"):
        sent[(submission.agency_id, submission.period or None)] = submission  # latest wins
    resend = {}
    latest = {s.pk: key for key, s in sent.items()}
    for d in Deadline.objects.filter(
        kind="report_resend", object_id__in=list(latest), status=DeadlineStatus.OPEN
    ).values("object_id", "due_date"):
        resend[latest[d["object_id"]]] = d["due_date"]
    out = []
    for agency in agencies:
        blob = blobs[agency.pk]
        plan = plans.get(agency.pk)
        notice = notices.get(agency.pk, {})
        row = Row(
            agency=agency,
            plan_issued_on=plan["issued_on"] if plan else None,
            conferences_held=blob["conferences"]["held"],
            conferences_required=blob["conferences"]["regular_required"],
            notices_total=notice.get("total", 0),
            notices_on_time=notice.get("on_time", 0),
            assignments_overdue=blob["outcomes"]["overdue"],
            as_of=as_of,
        )
        for kind, half in REPORT_KINDS:
            if (agency.pk, half) in sent:
                row.sent[half] = sent[(agency.pk, half)]
            if (agency.pk, half) in resend:
                row.resend[half] = resend[(agency.pk, half)]
            deadline = reports.get((agency.pk, kind)) if plan else None
            row.reports[half] = (
                report_state(deadline, as_of),
                deadline["due_date"] if deadline else None,
                deadline["completed_on"] if deadline else None,
            )
        out.append(row)
    return out


def filtered(all_rows: list[Row], *, state: str = "", text: str = "") -> list[Row]:
    """Keep the rows with a report in `state` and whose name or code contains `text`."""
    text = text.strip().casefold()
    return [
        r
        for r in all_rows
        if (not state or state in r.states)
        and (not text or text in r.agency.name.casefold() or text in r.agency.code.casefold())
    ]


HEADERS = [
    _("Cơ quan"),
    _("Ký hiệu"),
    _("Kế hoạch năm ban hành ngày"),
    _("Hội nghị đã tổ chức"),
    _("Hội nghị theo kế hoạch"),
    _("Thông báo kết luận đúng hạn"),
    _("Thông báo kết luận phải ban hành"),
    _("Việc giao xử lý quá hạn"),
    _("Báo cáo 6 tháng"),
    _("Hạn báo cáo 6 tháng"),
    _("Báo cáo năm"),
    _("Hạn báo cáo năm"),
    _("Hạn gửi lại báo cáo 6 tháng bị trả lại"),
    _("Hạn gửi lại báo cáo năm bị trả lại"),
]


def as_table(all_rows: list[Row]) -> list[list]:
    """Return the rows as cells for the export (same columns as the page)."""
    cells = []
    for r in all_rows:
        half_state, half_due, _x = r.reports[1]
        year_state, year_due, _y = r.reports[None]
        cells.append(
            [
                r.agency.name,
                r.agency.code,
                r.plan_issued_on,
                r.conferences_held,
                r.conferences_required,
                r.notices_on_time,
                r.notices_total,
                r.assignments_overdue,
                REPORT_STATES[half_state],
                half_due,
                REPORT_STATES[year_state],
                year_due,
                r.resend.get(1),
                r.resend.get(None),
            ]
        )
    return cells
