"""Statistics pages: an agency's dashboard, a roll-up over the agencies under a parent, and
Excel exports of the report tables and of any filtered petition list."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doithoai.core.actionkit import today
from doithoai.core.errors import ActionError
from doithoai.core.lazy import lazy_module
from doithoai.core.pages import render_htmx
from doithoai.core.params import year_param
from doithoai.organizations.access import memberships
from doithoai.organizations.models import Agency
from doithoai.organizations.pagecache import cached_page
from doithoai.petitions.models import TopicGroup

from . import summaries
from .actions import (
    latest_submission,
    prepare_report,
    report_deadline,
    requires_signature,
    save_report_text,
    submit_report,
)
from .models import TEXT_FIELDS, ExportJob, ExportStatus
from .tables import report_tables, status_label
from .texts import TITLES, next_period_words, report_texts, stored

# openpyxl loads with the first sheet a worker writes (see core.lazy).
excel = lazy_module("doithoai.reports.excel")
exports = lazy_module("doithoai.reports.exports")


def _period(request) -> tuple[int, int | None]:
    year = year_param(request, default=today().year)
    half = request.GET.get("half")
    half = int(half) if half in ("1", "2") else None
    return year, half


def _agency(request, code) -> Agency:
    agency = get_object_or_404(Agency, code=code)
    if not rules.has_perm("reports.view_dashboard", request.user, agency):
        raise PermissionDenied
    return agency


def _charts(summary) -> dict:
    """Return the chart data (rendered with json_script; each chart also has its table)."""
    by_year = summary["dashboard"]["by_year"]
    states = summary["dashboard"]["topic_by_state"]
    groups = [g for g in TopicGroup.values if any(r["group"] == g for r in states)]
    statuses = sorted({r["status"] for r in states})
    cell = {(r["group"], r["status"]): r["count"] for r in states}
    units = [u for u in summary["units"] if u["on_time_rate"] is not None or u["assigned"]]
    return {
        "conferences": {
            "labels": [str(r["year"]) for r in by_year],
            "series": [
                {"label": _("Theo kế hoạch"), "data": [r["planned"] for r in by_year]},
                {"label": _("Đã tổ chức"), "data": [r["held"] for r in by_year]},
            ],
            "rows": by_year,
        },
        "topics": {
            "labels": [str(TopicGroup(g).label) for g in groups],
            "series": [
                {"label": str(status_label(s)), "data": [cell.get((g, s), 0) for g in groups]}
                for s in statuses
            ],
            "statuses": [str(status_label(s)) for s in statuses],
            "rows": [
                {
                    "group": str(TopicGroup(g).label),
                    "counts": [cell.get((g, s), 0) for s in statuses],
                }
                for g in groups
            ],
        },
        "units": {
            "labels": [u["name"] for u in units],
            "series": [
                {
                    "label": _("Tỷ lệ báo cáo đúng hạn (%)"),
                    "data": [
                        round(u["on_time_rate"] * 100) if u["on_time_rate"] is not None else None
                        for u in units
                    ],
                }
            ],
        },
    }


def _per_agency(summary, agencies) -> dict:
    """Return the roll-up's summary with one row per agency in the unit tables.

    A province has thousands of units: the page lists its agencies (the Excel export of the
    tables keeps every unit).
    """
    names = {a.code: a.name for a in agencies}
    rows = summaries.fold_units({}, summary["units"])
    units = []
    for agency_code, row in sorted(rows.items(), key=lambda i: names.get(i[0], i[0])):
        timed = row["reported_on_time"] + row["reported_late"]
        rate = round(row["reported_on_time"] / timed, 4) if timed else None
        units.append(
            {"unit_id": None, "agency": agency_code, "code": agency_code}
            | {"name": names.get(agency_code, agency_code), "on_time_rate": rate}
            | row
        )
    received = summary["dashboard"]["received_by_agency"]
    by_agency = [
        {"unit_id": None, "code": a.code, "name": a.name, "count": received.get(a.pk, 0)}
        for a in sorted(agencies, key=lambda a: a.name)
    ]
    return summary | {"units": units, "petitions": summary["petitions"] | {"by_unit": by_agency}}


ROLLUP_SECONDS = summaries.ROLLUP_CACHE_SECONDS


def _page(request, agencies, title, code, *, rollup=False):
    year, half = _period(request)
    tables_key = None
    if rollup:
        # A roll-up (a row per agency) is added up and rendered once per set of versions of
        # the summaries it reads: one small query when nothing changed (summaries.rollup_key).
        ids = [a.pk for a in summaries.without_merged(list(agencies))]
        tables_key = summaries.rollup_key(ids, year, half, today())
    cached = cache.get(f"{tables_key}:page") if tables_key else None
    if cached is not None:
        summary, tables, charts = cached
    else:
        summary = summaries.summary(agencies, year, half, units_by_agency=rollup)
        if rollup:
            summary = _per_agency(summary, agencies)
        tables, charts = report_tables(summary), _charts(summary)
        if tables_key:
            cache.set(f"{tables_key}:page", (summary, tables, charts), ROLLUP_SECONDS)
    query = f"?year={year}" + (f"&half={half}" if half else "")
    return render(
        request,
        "reports/dashboard.html",
        {
            "title": title,
            "code": code,
            "year": year,
            "half": half,
            "years": range(today().year, today().year - 10, -1),
            "summary": summary,
            "tables": tables,
            "tables_key": tables_key,
            "charts": charts,
            "overdue": summary["dashboard"]["overdue_now"],
            "rollup": rollup,
            "agencies": agencies,
            "agency_names": "; ".join(a.name for a in agencies) if rollup else "",
            "xlsx_url": reverse("reports:tables_xlsx", args=[code]) + query,
            "report_urls": None if rollup else _report_urls(code, year, half),
            "report_deadline": None if rollup else report_deadline(agencies[0], year, half),
            "can_submit": not rollup
            and half in (None, 1)
            and rules.has_perm("reports.submit_report", request.user, agencies[0]),
            "prose": None if rollup else _prose(request, agencies[0], year, half, summary),
            "version": None if rollup else latest_submission(agencies[0], year, half),
            "signs": not rollup and requires_signature(agencies[0]),
        },
    )


def _prose(request, agency, year, half, summary) -> dict:
    """The report's prose parts for the page: editable by the secretariat until sent."""
    saved = stored(agency, year, half)
    texts = report_texts(agency, year, half, summary)
    parts = [{"name": name, "title": TITLES[name], "text": texts[name]} for name in TEXT_FIELDS]
    for part in parts:
        if part["name"] == "directions":
            part["title"] = f"{part['title']} {next_period_words(year, half)}"
    return {
        "parts": parts,
        "frozen": bool(saved and saved.is_frozen),
        "can_edit": not (saved and saved.is_frozen)
        and rules.has_perm("reports.write_report", request.user, agency),
        "saved": saved,
    }


@require_POST
@login_required
def report_text(request, code):
    """Save the prose of the period's report (the secretariat), until the report is sent."""
    agency = get_object_or_404(Agency, code=code)
    year, half = _period(request)
    try:
        save_report_text(
            agency=agency,
            year=year,
            half=half,
            by=request.user,
            **{name: request.POST.get(name, "") for name in TEXT_FIELDS},
        )
    except ActionError as exc:
        if exc.http_status == 403:
            raise PermissionDenied from exc
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã lưu nội dung báo cáo."))
    query = f"?year={year}" + (f"&half={half}" if half else "")
    return redirect(reverse("reports:dashboard", args=[code]) + query + "#noi-dung-bao-cao")


@require_POST
@login_required
def submit(request, code):
    """Record that the period's report was sent up (the secretariat); where the agency signs
    digitally, freeze it as the version the head signs (the seal sends it)."""
    agency = get_object_or_404(Agency, code=code)
    year, half = _period(request)
    signs = requires_signature(agency)
    try:
        (prepare_report if signs else submit_report)(
            agency=agency,
            year=year,
            half=half,
            by=request.user,
            symbol=request.POST.get("symbol", ""),
        )
    except ActionError as exc:
        if exc.http_status == 403:
            raise PermissionDenied from exc
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Đã chốt báo cáo; lãnh đạo ký số, văn thư đóng dấu thì báo cáo được gửi.")
            if signs
            else _("Đã ghi nhận gửi báo cáo."),
        )
    query = f"?year={year}" + (f"&half={half}" if half else "")
    return redirect(reverse("reports:dashboard", args=[code]) + query)


def _report_urls(code, year, half) -> dict:
    kwargs = {"code": code, "year": year}
    name = "documents:report"
    if half:
        kwargs["half"] = half
        name = "documents:report_half"
    return {fmt: reverse(name, kwargs=kwargs | {"fmt": fmt}) for fmt in ("docx", "pdf")}


@require_GET
@login_required
def index(request):
    """Go to the dashboard of the first agency the user may see statistics of."""
    for membership in memberships(request.user).values():
        if rules.has_perm("reports.view_dashboard", request.user, membership.agency):
            return redirect("reports:dashboard", code=membership.agency.code)
    raise PermissionDenied


@require_GET
@login_required
def dashboard(request, code):
    """Show an agency's statistics for a year or half-year, each chart with its table."""
    return _dashboard(request, _agency(request, code))  # who may see it, decided first


@cached_page(agencies=lambda request, agency: [agency.pk])
def _dashboard(request, agency):
    return _page(request, [agency], agency.name, agency.code)


def _rollup_agencies(request, code) -> tuple[Agency, list[int]]:
    """Return the parent agency and the ids of the agencies under it the user may see.

    One query of ids when the user may see the parent's statistics (a province's people):
    the agencies themselves are loaded only when the page is rendered.
    """
    parent = get_object_or_404(Agency, code=code)
    children = parent.children.order_by("name")
    allowed = rules.has_perm("reports.view_dashboard", request.user, parent) or getattr(
        request.user, "is_superuser", False
    )
    if allowed:
        shown = list(children.values_list("pk", flat=True))
        if not shown:
            raise Http404
        return parent, shown
    every = list(children)
    if not every:
        raise Http404
    shown = [a.pk for a in every if rules.has_perm("reports.view_dashboard", request.user, a)]
    if not shown:
        raise PermissionDenied
    return parent, shown


@require_GET
@login_required
def rollup(request, code):
    """Show the statistics summed over the agencies under `code` that the user may see."""
    parent, shown = _rollup_agencies(request, code)  # who may see what, decided first
    return _rollup(request, parent, shown)


@cached_page(agencies=lambda request, parent, shown: [parent.pk, *shown])
def _rollup(request, parent, shown):
    agencies = list(Agency.objects.filter(pk__in=shown).order_by("name"))
    name = _("Tổng hợp: %(name)s") % {"name": parent.name}
    return _page(request, agencies, name, parent.code, rollup=True)


@require_GET
@login_required
def tables_xlsx(request, code):
    """Send every report table of the period as an Excel workbook (one sheet per table)."""
    year, half = _period(request)
    agency = Agency.objects.filter(code=code).first()
    if agency is not None and rules.has_perm("reports.view_dashboard", request.user, agency):
        agencies = [agency]
    else:
        agency, shown = _rollup_agencies(request, code)
        agencies = list(Agency.objects.filter(pk__in=shown).order_by("name"))
    summary = summaries.summary(agencies, year, half)
    span = f"{year}" + (f"-6thang{half}" if half else "")
    content = excel.tables_workbook(report_tables(summary), f"{agency.name} {span}")
    return _xlsx(content, f"so-lieu-{code}-{span}.xlsx")


@login_required
def petitions_xlsx(request):
    """Offer an Excel export of the petitions the user may see, filtered like the list.

    GET shows what will be exported; POST queues the export (a background task) and sends
    the user to its progress page.
    """
    if not memberships(request.user):
        raise PermissionDenied
    if request.method == "POST":
        params = {k: v for k, v in request.POST.lists() if k != "csrfmiddlewaretoken"}
        params = {k: v if k == "status" else v[-1] for k, v in params.items()}
        job = exports.start_export(params=params, by=request.user)
        return redirect("reports:export", job_id=job.pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    fields = [(k, v) for k, values in request.GET.lists() for v in values]
    return render(request, "reports/export_start.html", {"fields": fields})


def _job(request, job_id) -> ExportJob:
    job = ExportJob.objects.filter(pk=job_id).first()
    if job is None or not exports.may_download(request.user, job):
        raise Http404
    return job


@require_GET
@login_required
def export(request, job_id):
    """Show an export's progress (htmx refreshes the panel) and its download link."""
    job = _job(request, job_id)
    context = {"job": job, "expired": exports.is_expired(job)}
    return render_htmx(request, "reports/export.html", "reports/_export_status.html", context)


@require_GET
@login_required
def export_download(request, job_id):
    """Send the finished file to the person who asked for it, until it expires."""
    job = _job(request, job_id)
    path = exports.path_of(job)
    if exports.is_expired(job):
        path.unlink(missing_ok=True)
        return render(request, "reports/export.html", {"job": job, "expired": True}, status=410)
    if job.status != ExportStatus.DONE or not path.exists():
        return redirect("reports:export", job_id=job.pk)
    response = FileResponse(path.open("rb"), as_attachment=True, filename=job.filename)
    response["Content-Type"] = excel.XLSX
    response["Cache-Control"] = "private, no-store"
    return response


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=excel.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
