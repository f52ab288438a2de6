"""The deadline board and the recomputation page (thin: queries and actions do the work)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from doithoai.core.errors import ActionError
from doithoai.core.pages import render_htmx, role_required
from doithoai.organizations.models import Role, Unit

from . import actions
from .board import BOARD_ROLES, board
from .models import Deadline, Status


@role_required(*BOARD_ROLES)
def board_view(request):
    """Show every open deadline of the user's agency, overdue first, and unit on-time rates."""
    agency = request.membership.agency
    units = Unit.objects.filter(agency=agency, is_active=True).order_by("name")
    unit = (
        units.filter(pk=request.GET.get("unit")).first()
        if request.GET.get("unit", "").isdigit()
        else None
    )
    context = board(request.user, agency, unit=unit)
    # One reverse() for every row's "how computed" link (loaded on demand by htmx).
    pattern = reverse("deadlines:computation", args=[987654321])
    for row in context["rows"]:
        row.computation_url = pattern.replace("987654321", str(row.deadline.pk))
    context.update(agency=agency, units_list=units, selected_unit=unit)
    context["may_recompute"] = bool(request.membership.role_set & set(actions.RECOMPUTERS))
    return render(request, "deadlines/board.html", context)


@role_required(*BOARD_ROLES)
def computation_view(request, pk):
    """Show how one deadline of the user's agency was computed (the board loads it on demand)."""
    deadline = get_object_or_404(
        Deadline.objects.select_related("petition", "conference"),
        pk=pk,
        agency=request.membership.agency,
    )
    return render_htmx(
        request,
        "deadlines/computation.html",
        "deadlines/_computation_body.html",
        {"d": deadline},
    )


@role_required(Role.ADMIN, Role.SECRETARIAT)
def recompute_view(request):
    """Preview which open deadlines the current calendar would move; recompute them with a reason."""
    agency = request.membership.agency
    moves = actions.preview_recompute(Deadline.objects.filter(agency=agency, status=Status.OPEN))
    if request.method == "POST":
        chosen = {int(v) for v in request.POST.getlist("deadline") if v.isdigit()}
        reason = request.POST.get("reason", "")
        try:
            done = 0
            for deadline, _old, _new in moves:
                if deadline.pk in chosen:
                    actions.recompute_deadline(deadline, by=request.user, reason=reason)
                    done += 1
        except ActionError as exc:
            if exc.code == "forbidden":
                raise PermissionDenied from exc
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã tính lại %(n)d thời hạn.") % {"n": done})
            return redirect("deadlines:recompute")
    return render(request, "deadlines/recompute.html", {"moves": moves, "agency": agency})
