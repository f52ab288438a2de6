"""The province office's page: every agency below it, its year at a glance; and its export."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doithoai.core.actionkit import today
from doithoai.core.errors import ActionError
from doithoai.core.params import year_param
from doithoai.organizations.access import agencies_with_role
from doithoai.organizations.models import Agency, Role

from . import province as table
from .actions import accept_report, return_report
from .models import ReportSubmission
from .views import _xlsx, excel

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _province(request, code):
    agency = get_object_or_404(Agency, code=code)
    if not rules.has_perm("reports.view_province", request.user, agency):
        raise PermissionDenied
    year = year_param(request, default=today().year)
    state = request.GET.get("state", "")
    if state not in table.REPORT_STATES:
        state = ""
    rows = table.filtered(
        table.rows(agency, year, today()), state=state, text=request.GET.get("q", "")[:100]
    )
    return agency, year, state, rows


@require_GET
@login_required
def index(request):
    """Go to the table of the first agency in which the user receives reports."""
    held = agencies_with_role(request.user, Role.SUPERVISOR)
    agency = Agency.objects.filter(pk__in=held).order_by("pk").first()
    if agency is None:
        raise PermissionDenied
    return redirect("reports:province", code=agency.code)


def _links(code: str, year: int) -> dict:
    return {
        "dashboard": reverse("reports:dashboard", args=[code]) + f"?year={year}",
        "half": reverse(
            "documents:report_half", kwargs={"code": code, "year": year, "half": 1, "fmt": "docx"}
        ),
        "year": reverse("documents:report", kwargs={"code": code, "year": year, "fmt": "docx"}),
    }


@require_GET
@login_required
def province(request, code):
    """Show, for every agency below the province office, how its year stands."""
    agency, year, state, rows = _province(request, code)
    lines = [(r, _links(r.agency.code, year)) for r in rows]
    return render(
        request,
        "reports/province.html",
        {
            "province": agency,
            "year": year,
            "state": state,
            "q": request.GET.get("q", "")[:100],
            "states": table.REPORT_STATES,
            "lines": lines,
            "export": reverse("reports:province_xlsx", args=[code]) + "?" + request.GET.urlencode(),
        },
    )


@require_GET
@login_required
def province_xlsx(request, code):
    """Send the province table, filtered like the page, as an Excel workbook."""
    agency, year, _state, rows = _province(request, code)
    heading = _("%(name)s — các cơ quan cấp dưới, năm %(year)s") % {
        "name": agency.name,
        "year": year,
    }
    content = excel.province_workbook(heading, table.HEADERS, table.as_table(rows))
    return _xlsx(content, f"tinh-{code}-{year}.xlsx")


def _sent(request, pk) -> ReportSubmission:
    found = ReportSubmission.objects.select_related("agency").filter(pk=pk).first()
    if found is None or not rules.has_perm("reports.view_submission", request.user, found):
        raise Http404
    return found


@require_GET
@login_required
def submission_docx(request, pk):
    """Send a report exactly as it was sent up (the DOCX frozen at submission)."""
    found = _sent(request, pk)
    if not found.document:
        raise Http404
    response = HttpResponse(bytes(found.document), content_type=DOCX)
    name = f"bao-cao-{found.agency.code}-{found.year}-{found.period}-lan{found.version}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def review(request, pk, decision):
    """Accept a report sent up, or return it with the reason (the province office)."""
    found = _sent(request, pk)
    try:
        if decision == "accept":
            accept_report(submission=found, by=request.user)
            messages.success(request, _("Đã tiếp nhận báo cáo."))
        else:
            return_report(submission=found, reason=request.POST.get("reason", ""), by=request.user)
            messages.success(request, _("Đã trả lại báo cáo."))
    except ActionError as exc:
        if exc.http_status == 403:
            raise PermissionDenied from exc
        messages.error(request, exc.message)
    province = found.agency.parent
    target = reverse("reports:province", args=[province.code]) if province else "/"
    return redirect(f"{target}?year={found.year}")
