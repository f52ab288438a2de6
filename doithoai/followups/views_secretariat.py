"""The secretariat's follow-up: urging units on their assignments, publishing answers and
conclusion notices to staff (Law 10/2022 Art. 47-48), and the published list everyone reads."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doithoai.conferences import actions as conf_actions
from doithoai.conferences.models import ConclusionNotice
from doithoai.core.errors import ActionError
from doithoai.core.pages import paginate
from doithoai.organizations.models import Role
from doithoai.organizations.pages import member_required, role_required

from . import actions as fu_actions
from .forms import UrgeForm
from .models import Answer, Assignment, AssignmentStatus

secretariat = role_required(Role.SECRETARIAT)


# --- Follow-up and publication ------------------------------------------------------------


@secretariat
def followup(request):
    """List assignments still open, late ones first, with a button to urge the unit."""
    qs = (
        Assignment.objects.visible_to(request.user)
        .filter(
            agency=request.membership.agency,
            status__in=[
                AssignmentStatus.ASSIGNED,
                AssignmentStatus.RETURNED,
                AssignmentStatus.REPORTED,
            ],
        )
        .select_related("petition", "unit", "conference")
        .order_by("due_date", "id")
    )
    if request.GET.get("overdue"):
        from doithoai.core.actionkit import today

        qs = qs.filter(due_date__lt=today())
    return render(
        request,
        "followups/followup.html",
        {
            "page_obj": paginate(request, qs),
            "urge_form": UrgeForm(),
            "urgeable": ("assigned", "returned"),
        },
    )


@require_POST
@secretariat
def urge(request, pk):
    """Urge a unit to report on its assignment."""
    assignment = get_object_or_404(
        Assignment.objects.visible_to(request.user).filter(agency=request.membership.agency),
        pk=pk,
    )
    form = UrgeForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        fu_actions.urge_assignment(assignment=assignment, message=message, by=request.user)
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã đôn đốc %(u)s.") % {"u": assignment.unit})
    return redirect("followups:followup")


@secretariat
def publish(request):
    """List answers and issued notices not yet posted for staff, to publish them."""
    agency = request.membership.agency
    answers = (
        Answer.objects.filter(agency=agency, published_at__isnull=True)
        .select_related("petition", "answered_by")
        .order_by("-created_at", "-id")
    )
    notices = list(
        ConclusionNotice.objects.filter(
            agency=agency, status="issued", published_at__isnull=True
        ).select_related("conference")
    )
    return render(
        request,
        "followups/publish.html",
        {"page_obj": paginate(request, answers), "notices": notices},
    )


@require_POST
@secretariat
def publish_answer(request, pk):
    """Post one answer for all staff."""
    answer = get_object_or_404(Answer, pk=pk, agency=request.membership.agency)
    try:
        fu_actions.publish_answer(answer=answer, by=request.user)
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Đã công khai trả lời kiến nghị %(c)s.") % {"c": answer.petition.code}
        )
    return redirect("followups:publish")


@require_POST
@secretariat
def publish_notice(request, pk):
    """Post an issued conclusion notice for all staff."""
    notice = get_object_or_404(ConclusionNotice, pk=pk, agency=request.membership.agency)
    try:
        conf_actions.publish_notice(notice=notice, by=request.user)
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Đã công khai thông báo kết luận %(s)s.") % {"s": notice.symbol}
        )
    return redirect("followups:publish")


# --- Published answers and notices --------------------------------------------------------


@member_required
def published(request):
    """List the answers and conclusion notices published to staff, newest first."""
    agency = request.membership.agency
    notices = list(
        ConclusionNotice.objects.filter(agency=agency, published_at__isnull=False)
        .select_related("conference")
        .order_by("-published_at")[:10]
    )
    answers = (
        Answer.objects.filter(agency=agency, published_at__isnull=False)
        .select_related("petition", "petition__topic")
        .order_by("-published_at", "-id")
    )
    return render(
        request,
        "followups/published.html",
        {"notices": notices, "page_obj": paginate(request, answers)},
    )
