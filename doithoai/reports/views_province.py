"""The province office's page: every agency below it, its year at a glance; and its export."""

import rules
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from doithoai.core.actionkit import today
from doithoai.core.params import year_param
from doithoai.organizations.access import agencies_with_role
from doithoai.organizations.models import Agency, Role

from . import province as table
from .excel import province_workbook
from .views import _xlsx


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
    content = province_workbook(heading, table.HEADERS, table.as_table(rows))
    return _xlsx(content, f"tinh-{code}-{year}.xlsx")
