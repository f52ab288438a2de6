"""The 15-day requests: the head's list of pending requests and the decision on one."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doithoai.core.forms import apply_action_error
from doithoai.core.pages import paginate, render_htmx, run
from doithoai.organizations.models import Role
from doithoai.organizations.pages import role_required

from . import actions
from .forms import ApproveExtensionForm, RefuseExtensionForm
from .models import Assignment, ExtensionRequest, ExtensionStatus
from .views import assignment as assignment_page

deciders = role_required(Role.HEAD, Role.DEPUTY)


def _visible(request):
    """Return the requests on the assignments the user may see, in their agency."""
    visible = Assignment.objects.visible_to(request.user).filter(agency=request.membership.agency)
    return ExtensionRequest.objects.filter(assignment__in=visible).select_related(
        "assignment__petition", "assignment__unit", "assignment__conference", "requested_by"
    )


@deciders
def pending(request):
    """List the units' pending requests for the 15-day limit the user may decide."""
    rows = _visible(request).filter(status=ExtensionStatus.PENDING).order_by("requested_at", "id")
    if Role.HEAD not in request.membership.role_set:
        # A deputy decides only for the conferences they chair under the head's delegation.
        rows = rows.filter(assignment__conference__chair=request.user)
    return render_htmx(
        request,
        "followups/extensions.html",
        "followups/_extension_rows.html",
        {"page_obj": paginate(request, rows)},
    )


def _decide(request, pk, name, form, call, success):
    extension = get_object_or_404(_visible(request), pk=pk)
    if form.is_valid():
        _result, error = run(lambda: call(extension, form.cleaned_data))
        if error is None:
            messages.success(request, success)
            return redirect("followups:assignment", extension.assignment_id)
        apply_action_error(form, error)
        # A request decided already offers no form: say why at the top of the page.
        messages.error(request, str(error.message))
    return assignment_page(request, extension.assignment_id, forms={name: form})


@require_POST
@deciders
def approve(request, pk):
    """Approve the 15-working-day limit: the due date moves."""
    return _decide(
        request,
        pk,
        "approve_extension",
        ApproveExtensionForm(request.POST),
        lambda e, d: actions.approve_extension(extension=e, note=d["note"], by=request.user),
        _("Đã đồng ý thời hạn 15 ngày làm việc; hạn báo cáo đã được tính lại."),
    )


@require_POST
@deciders
def refuse(request, pk):
    """Refuse the 15-working-day limit with the reason: the due date stays."""
    return _decide(
        request,
        pk,
        "refuse_extension",
        RefuseExtensionForm(request.POST),
        lambda e, d: actions.refuse_extension(extension=e, reason=d["reason"], by=request.user),
        _("Đã không đồng ý thời hạn 15 ngày làm việc; hạn báo cáo giữ nguyên."),
    )
