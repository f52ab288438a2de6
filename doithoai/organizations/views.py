"""The agency administrator's pages: units, people and roles, the import sheet with its
progress and per-row report, and links to the deadline rules and the official calendar."""

from django.apps import apps
from django.contrib import messages
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from doithoai.core.forms import apply_action_error
from doithoai.core.pages import paginate, render_htmx, run
from doithoai.organizations.pages import role_required

from . import actions, importjob
from .forms import ImportForm, MemberFilterForm, MemberForm, RolesForm, UnitForm
from .models import Membership, MembershipRole, Role, Unit
from .sheet import SheetError, import_row, read_sheet

admins = role_required(Role.ADMIN)


@admins
def home(request):
    """Show the administrator's sections and the official calendar corrections."""
    agency = request.membership.agency
    entries = []
    try:
        entry_model = apps.get_model("workdays", "OfficialScheduleEntry")
        entries = list(entry_model.objects.order_by("-date")[:12])
    except LookupError:
        entry_model = None
    context = {
        "unit_count": Unit.objects.filter(agency=agency).count(),
        "member_count": Membership.objects.filter(agency=agency, is_active=True).count(),
        "calendar_entries": entries,
        "has_calendar": entry_model is not None,
    }
    return render(request, "organizations/home.html", context)


@admins
def units(request, form=None):
    """List the agency's units and add one."""
    agency = request.membership.agency
    qs = Unit.objects.filter(agency=agency).select_related("parent").order_by("name")
    context = {"page_obj": paginate(request, qs), "form": form or UnitForm(agency=agency)}
    return render(request, "organizations/units.html", context, status=400 if form else 200)


@require_POST
@admins
def unit_add(request):
    """Add a unit."""
    agency = request.membership.agency
    form = UnitForm(request.POST, agency=agency)
    if form.is_valid():
        d = form.cleaned_data
        unit, error = run(
            lambda: actions.add_unit(
                agency=agency, name=d["name"], code=d["code"], parent=d["parent"], by=request.user
            )
        )
        if error is None:
            messages.success(request, _("Đã thêm đơn vị %(u)s.") % {"u": unit.name})
            return redirect("organizations:units")
        apply_action_error(form, error)
    return units(request, form=form)


def member_queryset(agency):
    """Return the agency's members with unit and roles, in two queries."""
    return (
        Membership.objects.filter(agency=agency)
        .select_related("user", "unit")
        .prefetch_related(Prefetch("roles", queryset=MembershipRole.objects.order_by("role")))
        .order_by("user__last_name", "user__first_name", "user__username")
    )


@admins
def members(request):
    """List the agency's people, searchable by name, filterable by unit and role."""
    agency = request.membership.agency
    qs = member_queryset(agency)
    form = MemberFilterForm(request.GET or None)
    if form.is_valid():
        d = form.cleaned_data
        if d["q"]:
            for word in d["q"].split()[:5]:
                qs = qs.filter(
                    Q(user__first_name__icontains=word)
                    | Q(user__last_name__icontains=word)
                    | Q(user__username__icontains=word)
                )
        if d["unit"]:
            qs = qs.filter(unit_id=d["unit"])
        if d["role"]:
            qs = qs.filter(roles__role=d["role"])
    page = paginate(request, qs)
    for m in page.object_list:
        m.role_labels = [r.get_role_display() for r in m.roles.all()]
    return render_htmx(
        request,
        "organizations/members.html",
        "organizations/_member_rows.html",
        {
            "filter_form": form,
            "page_obj": page,
            "units": list(Unit.objects.filter(agency=agency).only("id", "name")),
            "roles": Role.choices,
        },
    )


@admins
def member_add(request):
    """Add one person with their unit and roles."""
    agency = request.membership.agency
    form = MemberForm(request.POST or None, agency=agency)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            member, error = run(
                lambda: actions.add_member(
                    agency=agency,
                    full_name=d["full_name"],
                    username=d["username"],
                    email=d["email"],
                    unit=d["unit"],
                    position_title=d["position_title"],
                    staff_category=d["staff_category"],
                    roles=d["roles"],
                    by=request.user,
                )
            )
            if error is None:
                messages.success(request, _("Đã thêm %(n)s.") % {"n": member.user.get_full_name()})
                return redirect("organizations:members")
            apply_action_error(form, error)
    return render(request, "organizations/member_add.html", {"form": form}, status=status)


@admins
def member_edit(request, pk):
    """Change a member's roles and unit."""
    agency = request.membership.agency
    member = get_object_or_404(member_queryset(agency), pk=pk)
    initial = {"unit": member.unit_id, "roles": sorted(member.role_set)}
    form = RolesForm(request.POST or None, agency=agency, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            _m, error = run(
                lambda: actions.set_roles(
                    membership=member,
                    roles=form.cleaned_data["roles"],
                    unit=form.cleaned_data["unit"],
                    by=request.user,
                )
            )
            if error is None:
                messages.success(request, _("Đã cập nhật vai trò."))
                return redirect("organizations:members")
            apply_action_error(form, error)
    return render(
        request, "organizations/member_edit.html", {"form": form, "member": member}, status=status
    )


# --- Import from a sheet -----------------------------------------------------------------

PEOPLE_JOB = {
    "step_url": "organizations:import_step",
    "done_url": "organizations:members",
    "done_label": gettext_lazy("Xem danh sách người dùng"),
}


@admins
def import_start(request):
    """Upload a sheet of people; its rows are then imported step by step with progress."""
    form = ImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                rows = read_sheet(form.cleaned_data["sheet"])
            except SheetError as exc:
                form.add_error("sheet", str(exc))
            else:
                job = importjob.start(
                    request,
                    kind="members",
                    scope=request.membership.agency_id,
                    rows=rows,
                    filename=form.cleaned_data["sheet"].name,
                )
                return redirect("organizations:import_job", job)
    return render(request, "organizations/import.html", {"form": form}, status=status)


def _job(request, job):
    return importjob.load(request, kind="members", scope=request.membership.agency_id, job=job)


@admins
def import_job(request, job):
    """Show an import's progress bar and its per-row error report."""
    state = _job(request, job)
    context = {"job": job, **PEOPLE_JOB, **importjob.progress(state)}
    return render_htmx(
        request, "organizations/import_job.html", "organizations/_import_progress.html", context
    )


@require_POST
@admins
def import_step(request, job):
    """Import the next rows of the sheet (each row its own transaction) and show the progress."""
    state = _job(request, job)
    agency = request.membership.agency
    state = importjob.step(
        request,
        kind="members",
        job=job,
        state=state,
        import_row=lambda row: import_row(row, agency=agency, by=request.user),
    )
    if not request.htmx:
        return redirect("organizations:import_job", job)
    context = {"job": job, **PEOPLE_JOB, **importjob.progress(state)}
    return render(request, "organizations/_import_progress.html", context)


@admins
def access_log(request):
    """List the agency's log-ins, log-outs, failures, lockouts, password and 2FA changes."""
    from doithoai.audit.models import AuditEvent

    agency = request.membership.agency
    events = AuditEvent.objects.filter(agency=agency, verb__startswith="access.").order_by(
        "-created_at", "-seq"
    )
    username = request.GET.get("q", "").strip()
    if username:
        events = events.filter(object_repr__icontains=username)
    return render(
        request,
        "organizations/access_log.html",
        {"page_obj": paginate(request, events), "q": username},
    )
