"""Follow-up pages: a unit's assignments and its report; the head's decision on reports."""

import rules
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doithoai.core.actionkit import today
from doithoai.core.filters import refuse_invalid
from doithoai.core.forms import apply_action_error
from doithoai.core.pages import paginate, render_htmx, run
from doithoai.deadlines.display import stored
from doithoai.organizations.models import Role, Unit
from doithoai.organizations.pages import role_required
from doithoai.petitions.visibility import submitter_label

from . import actions
from .forms import (
    AcceptForm,
    ApproveExtensionForm,
    AssignmentFilterForm,
    ExtensionForm,
    RefuseExtensionForm,
    ReportForm,
    ReturnForm,
)
from .models import Assignment, AssignmentStatus, ExtensionStatus, ResolutionAttachment

VIEWERS = (Role.HEAD, Role.DEPUTY, Role.SECRETARIAT, Role.INSPECTOR, Role.UNIT_LEADER)
viewers = role_required(*VIEWERS)
leaders = role_required(Role.UNIT_LEADER)
heads = role_required(Role.HEAD, Role.DEPUTY)
OPEN = (AssignmentStatus.ASSIGNED, AssignmentStatus.RETURNED)


def filtered(request, qs):
    """Apply the list filters (status, unit, overdue) and return (form, queryset)."""
    form = AssignmentFilterForm(request.GET or None)
    refuse_invalid(form)
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            qs = qs.filter(status=data["status"])
        if data["unit"]:
            qs = qs.filter(unit_id=data["unit"])
        if data["overdue"]:
            qs = qs.filter(status__in=OPEN, due_date__lt=today())
    return form, qs


def list_queryset(user, agency):
    """Return the visible assignments of the agency with what a row shows, in one query."""
    return (
        Assignment.objects.visible_to(user)
        .filter(agency=agency)
        .select_related("petition", "unit", "conference")
        .order_by("due_date", "id")
    )


@leaders
def unit_assignments(request):
    """List what was assigned to the leader's unit, nearest due date first."""
    m = request.membership
    qs = list_queryset(request.user, m.agency).filter(unit_id=m.unit_id)
    if not request.GET:
        qs = qs.filter(status__in=OPEN + (AssignmentStatus.REPORTED,))
    form, qs = filtered(request, qs)
    return render_htmx(
        request,
        "followups/unit.html",
        "followups/_rows.html",
        {"filter_form": form, "page_obj": paginate(request, qs), "show_unit": False},
    )


@heads
def decisions(request):
    """List the resolutions the units reported, for the head to accept or return."""
    agency = request.membership.agency
    qs = list_queryset(request.user, agency)
    if not request.GET:
        qs = qs.filter(status=AssignmentStatus.REPORTED)
    form, qs = filtered(request, qs)
    return render_htmx(
        request,
        "followups/decisions.html",
        "followups/_rows.html",
        {
            "filter_form": form,
            "page_obj": paginate(request, qs),
            "show_unit": True,
            "units": list(Unit.objects.filter(agency=agency).only("id", "name")),
        },
    )


def _assignment(request, pk):
    return get_object_or_404(
        list_queryset(request.user, request.membership.agency).select_related(
            "petition__submitter", "petition__submitter_unit", "petition__topic", "reported_by"
        ),
        pk=pk,
    )


@viewers
def assignment(request, pk, forms=None):
    """Show one assignment: what to resolve, by when, the report and the decision."""
    item = _assignment(request, pk)
    user = request.user
    forms = forms or {}
    item.petition.submitter_shown = submitter_label(user, item.petition)
    # The stored deadline, its date and how it was computed, as the unit must meet it.
    item.deadline = stored(item, "resolution")
    may_report = item.status in OPEN and rules.has_perm("followups.report_assignment", user, item)
    may_extend = actions.can_request_extension(user, item)
    requests = list(item.extension_requests.select_related("requested_by", "decided_by"))
    pending = next((r for r in requests if r.status == ExtensionStatus.PENDING), None)
    may_decide_extension = pending is not None and actions.can_decide_extension(user, pending)
    may_decide = item.status == AssignmentStatus.REPORTED and rules.has_perm(
        "followups.decide_assignment", user, item
    )
    context = {
        "a": item,
        "attachments": list(item.attachments.all()),
        "may_report": may_report,
        "may_extend": may_extend,
        "may_decide": may_decide,
        "extension_requests": requests,
        "pending_extension": pending,
        "may_decide_extension": may_decide_extension,
        "approve_extension_form": forms.get("approve_extension") or ApproveExtensionForm(),
        "refuse_extension_form": forms.get("refuse_extension") or RefuseExtensionForm(),
        "report_form": forms.get("report") or ReportForm(),
        "extension_form": forms.get("extension") or ExtensionForm(),
        "accept_form": forms.get("accept") or AcceptForm(initial={"answer_text": item.report_text}),
        "return_form": forms.get("return") or ReturnForm(),
    }
    return render(request, "followups/assignment.html", context, status=400 if forms else 200)


def _act(request, pk, name, form, call, success, *, announce=False):
    """Run the action of a form of the assignment page; on refusal show the page again.

    With `announce` the refusal is also a message at the top: the form it came from may no
    longer be offered (a request already pending, a request already decided).
    """
    item = _assignment(request, pk)
    if form.is_valid():
        _result, error = run(lambda: call(item, form.cleaned_data))
        if error is None:
            messages.success(request, success)
            return redirect("followups:assignment", item.pk)
        apply_action_error(form, error)
        if announce:
            messages.error(request, str(error.message))
    return assignment(request, pk, forms={name: form})


@require_POST
@leaders
def report(request, pk):
    """Report the unit's resolution with text and attachments."""
    return _act(
        request,
        pk,
        "report",
        ReportForm(request.POST, request.FILES),
        lambda a, d: actions.report_resolution(
            assignment=a, text=d["text"], attachments=d["attachments"], by=request.user
        ),
        _("Đã báo cáo kết quả xử lý."),
    )


@require_POST
@leaders
def extend(request, pk):
    """Ask the head for the 15-working-day limit, with the reason; the due date waits."""
    return _act(
        request,
        pk,
        "extension",
        ExtensionForm(request.POST),
        lambda a, d: actions.request_extension(assignment=a, reason=d["reason"], by=request.user),
        _(
            "Đã gửi đề nghị thời hạn 15 ngày làm việc; hạn báo cáo giữ nguyên đến khi lãnh đạo đồng ý."
        ),
        announce=True,
    )


@require_POST
@heads
def accept(request, pk):
    """Accept the resolution and answer the petitioner."""
    return _act(
        request,
        pk,
        "accept",
        AcceptForm(request.POST),
        lambda a, d: actions.accept_resolution(
            assignment=a, answer_text=d["answer_text"], by=request.user
        ),
        _("Đã chấp nhận kết quả và trả lời người kiến nghị."),
    )


@require_POST
@heads
def return_view(request, pk):
    """Return the resolution to the unit for more work."""
    return _act(
        request,
        pk,
        "return",
        ReturnForm(request.POST),
        lambda a, d: actions.return_resolution(assignment=a, note=d["note"], by=request.user),
        _("Đã trả lại kết quả xử lý cho đơn vị."),
    )


@viewers
def attachment(request, pk):
    """Send a file of a resolution report the user may see."""
    item = get_object_or_404(ResolutionAttachment, pk=pk, agency=request.membership.agency)
    visible = list_queryset(request.user, request.membership.agency).filter(pk=item.assignment_id)
    if not visible.exists():
        raise Http404
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)
