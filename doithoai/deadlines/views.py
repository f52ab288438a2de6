"""The deadline board, the recomputation page and the agency's time-limit rules (thin: queries
and actions do the work)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms.models import fields_for_model
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from doithoai.core.errors import ActionError
from doithoai.core.forms import apply_action_error
from doithoai.core.pages import render_htmx, run
from doithoai.organizations.models import Role, Unit
from doithoai.organizations.pagecache import cached_page
from doithoai.organizations.pages import role_required

from . import actions
from .board import BOARD_ROLES, board
from .models import Deadline, DeadlineRules, Status


@role_required(*BOARD_ROLES)
@cached_page
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


@role_required(Role.ADMIN)
def rules_view(request):
    """Show and change the agency's time limits (the agency admin's page)."""
    agency = request.membership.agency
    current = actions.rules_for(agency)
    fields = actions.RULE_FIELDS
    form_class = type("RulesForm", (forms.Form,), fields_for_model(DeadlineRules, fields=fields))
    initial = {name: getattr(current, name) for name in fields}
    form = form_class(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            changes = {k: v for k, v in form.cleaned_data.items() if v != initial[k]}
            _rules, error = run(
                lambda: actions.update_rules(agency=agency, changes=changes, by=request.user)
            )
            if error is None:
                messages.success(request, _("Đã lưu quy định thời hạn."))
                return redirect("deadlines:rules")
            apply_action_error(form, error)
    return render(request, "deadlines/rules.html", {"form": form, "rules": current}, status=status)
