"""The installation administrator's pages (a superuser): onboard one agency, import many
from a sheet (the same import job as the people sheet), reorganise agencies."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from doithoai.core.forms import apply_action_error
from doithoai.core.pages import render_htmx, run

from . import actions, agency_sheet, importjob, reorganise
from .forms import AgencyImportForm, OnboardForm, ReorganiseForm
from .models import Agency, Reorganisation
from .sheet import SheetError, read_sheet

SITE = "site"  # the scope of an installation-wide import job
AGENCY_JOB = {
    "step_url": "organizations:site_import_step",
    "done_url": "organizations:site_agencies",
    "done_label": gettext_lazy("Xem danh sách cơ quan"),
    "created_label": gettext_lazy("Đã tạo cơ quan"),
}


def superuser_required(view):
    """Send anonymous users to log in; refuse (403) anyone but an installation administrator."""

    @login_required
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@superuser_required
def agencies(request):
    """List the installation's agencies, with their parents and successors."""
    rows = Agency.objects.select_related("parent", "successor").order_by("code")
    return render(request, "organizations/site_agencies.html", {"agencies": rows})


@superuser_required
def onboard(request):
    """Create one agency with its administrator and units (as `doithoai onboard` does)."""
    form = OnboardForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            agency, error = run(
                lambda: actions.onboard_agency(
                    code=d["code"],
                    name=d["name"],
                    locality=d["locality"],
                    parent=d["parent"],
                    parent_body_name=d["parent_body_name"],
                    short_name=d["short_name"],
                    admin_username=d["admin_username"],
                    admin_full_name=d["admin_full_name"],
                    admin_email=d["admin_email"],
                    units=d["units"],
                    by=request.user,
                )
            )
            if error is None:
                messages.success(
                    request,
                    _(
                        "Đã tạo %(a)s. Người quản trị %(u)s đặt mật khẩu qua chức năng "
                        "quên mật khẩu."
                    )
                    % {"a": agency.name, "u": d["admin_username"]},
                )
                return redirect("organizations:site_agencies")
            apply_action_error(form, error)
    return render(request, "organizations/site_onboard.html", {"form": form}, status=status)


@superuser_required
def import_template(request):
    """Download the agency sheet to fill in, with its Vietnamese headers and an example row."""
    response = HttpResponse(
        agency_sheet.template_workbook(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-co-quan.xlsx"'
    return response


@superuser_required
def import_start(request):
    """Upload a sheet of agencies; its rows are then onboarded step by step with progress."""
    form = AgencyImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                rows = read_sheet(form.cleaned_data["sheet"], agency_sheet.AGENCIES)
            except SheetError as exc:
                form.add_error("sheet", str(exc))
            else:
                job = importjob.start(
                    request,
                    kind="agencies",
                    scope=SITE,
                    rows=rows,
                    filename=form.cleaned_data["sheet"].name,
                )
                return redirect("organizations:site_import_job", job)
    context = {"form": form, "columns": agency_sheet.COLUMNS}
    return render(request, "organizations/site_import.html", context, status=status)


@superuser_required
def import_job(request, job):
    """Show an agency import's progress bar and its per-row report."""
    state = importjob.load(request, kind="agencies", scope=SITE, job=job)
    context = {"job": job, **AGENCY_JOB, **importjob.progress(state)}
    return render_htmx(
        request,
        "organizations/site_import_job.html",
        "organizations/_import_progress.html",
        context,
    )


@require_POST
@superuser_required
def import_step(request, job):
    """Onboard the next rows of the sheet (each row its own transaction); show the progress."""
    state = importjob.load(request, kind="agencies", scope=SITE, job=job)
    state = importjob.step(
        request,
        kind="agencies",
        job=job,
        state=state,
        import_row=lambda row: agency_sheet.import_row(row, by=request.user),
    )
    if not request.htmx:
        return redirect("organizations:site_import_job", job)
    context = {"job": job, **AGENCY_JOB, **importjob.progress(state)}
    return render(request, "organizations/_import_progress.html", context)


# --- Reorganisation ------------------------------------------------------------------------

CARRIED_LABELS = {
    "petitions": gettext_lazy("Kiến nghị đang xử lý"),
    "conferences": gettext_lazy("Hội nghị chưa tổ chức"),
    "assignments": gettext_lazy("Việc giao xử lý chưa xong"),
    "deadlines": gettext_lazy("Thời hạn đang chạy"),
    "memberships": gettext_lazy("Người (cùng vai trò)"),
    "units": gettext_lazy("Đơn vị"),
    "delegations": gettext_lazy("Ủy quyền đại diện còn hiệu lực"),
    "agencies_below": gettext_lazy("Cơ quan cấp dưới đi theo"),
}


def _reorganisation(d: dict, by) -> dict:
    """Return the action's arguments from the form's data (agencies looked up by code)."""
    return {
        "kind": d["kind"],
        "agency": reorganise.agency_by_code(d["agency"], "agency"),
        "target": reorganise.agency_by_code(d["target"], "target"),
        "by": by,
        "effective_on": d["effective_on"],
        "legal_basis": d["legal_basis"],
        "legal_basis_date": d["legal_basis_date"],
        "name": d["name"],
        "short_name": d["short_name"],
        "parent_body_name": d["parent_body_name"],
        "locality": d["locality"],
        "report_recipient": d["report_recipient"],
    }


@superuser_required
def reorganise_page(request):
    """Rename, move or merge an agency: first what would move, then, confirmed, the action."""
    form = ReorganiseForm(request.POST or None, initial={"kind": "merge"})
    context = {
        "form": form,
        "history": Reorganisation.objects.select_related(
            "agency", "successor", "new_parent"
        ).order_by("-effective_on", "-pk")[:20],
    }
    if request.method != "POST":
        return render(request, "organizations/site_reorganise.html", context)
    if form.is_valid():
        d = form.cleaned_data
        if not d["confirm"]:
            summary, error = run(lambda: reorganise.preview(**_reorganisation(d, request.user)))
            if error is None:
                confirm = form.data.copy()
                confirm["confirm"] = "on"
                context |= {
                    "preview": [(CARRIED_LABELS.get(k, k), n) for k, n in summary.items()],
                    "confirm_form": ReorganiseForm(confirm),
                    "subject": reorganise.agency_by_code(d["agency"], "agency"),
                    "target_agency": reorganise.agency_by_code(d["target"], "target"),
                }
                return render(request, "organizations/site_reorganise_confirm.html", context)
        else:
            result, error = run(lambda: reorganise.reorganise(**_reorganisation(d, request.user)))
            if error is None:
                messages.success(request, _("Đã ghi nhận việc tổ chức lại."))
                return redirect("organizations:site_reorganise")
        apply_action_error(form, error)
    return render(request, "organizations/site_reorganise.html", context, status=400)
