"""The secretariat's conference preparation: putting received petitions on a conference and the
compiled list sent to the chair (rule 4)."""

import datetime

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doithoai.core.errors import ActionError
from doithoai.core.forms import apply_action_error
from doithoai.core.pages import paginate
from doithoai.deadlines.display import stored
from doithoai.organizations.models import Role
from doithoai.organizations.pages import role_required
from doithoai.petitions import actions as pet_actions
from doithoai.petitions.models import Petition, Status
from doithoai.petitions.views import label_rows, list_queryset

from . import actions as conf_actions
from .forms import ScheduleForm
from .models import Conference, ConferenceStatus

secretariat = role_required(Role.SECRETARIAT)
SCHEDULABLE = [ConferenceStatus.PLANNED, ConferenceStatus.COMPILED]


def _agency_petition(request, pk):
    return get_object_or_404(
        Petition.objects.visible_to(request.user).filter(agency=request.membership.agency), pk=pk
    )


# --- Scheduling and the compiled list -----------------------------------------------------


def _schedulable(request):
    agency = request.membership.agency
    conferences = Conference.objects.filter(agency=agency, status__in=SCHEDULABLE).order_by(
        "starts_at"
    )
    petitions = Petition.objects.filter(agency=agency, status=Status.RECEIVED).select_related(
        "topic"
    )
    return conferences, petitions


@secretariat
def schedule(request):
    """Put received petitions on a conference that has not opened yet."""
    conferences, petitions = _schedulable(request)
    form = ScheduleForm(request.POST or None, conferences=conferences, petitions=petitions)
    if request.method == "POST" and form.is_valid():
        try:
            done = pet_actions.schedule_petitions(
                conference=form.cleaned_data["conference"],
                petitions=list(form.cleaned_data["petitions"]),
                by=request.user,
            )
        except ActionError as exc:
            apply_action_error(form, exc)
        else:
            messages.success(request, _("Đã đưa %(n)d kiến nghị vào hội nghị.") % {"n": len(done)})
            return redirect("conferences:compilation", form.cleaned_data["conference"].pk)
    page = paginate(request, petitions, per_page=100)
    return render(request, "conferences/schedule.html", {"form": form, "page_obj": page})


@require_POST
@secretariat
def unschedule(request, pk):
    """Take a petition off a conference that has not opened yet."""
    petition = _agency_petition(request, pk)
    conference_id = petition.conference_id
    try:
        pet_actions.unschedule_petition(
            petition=petition, reason=request.POST.get("reason", ""), by=request.user
        )
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã rút %(c)s khỏi chương trình.") % {"c": petition.code})
    if conference_id:
        return redirect("conferences:compilation", conference_id)
    return redirect("petitions:manage", petition.pk)


def compile_due(conference) -> datetime.date | None:
    """Return the last day to send the compiled list, as the stored compilation deadline holds
    it (the agency's rule and the working-day rollback applied once, when it was opened)."""
    deadline = stored(conference, "compilation")
    return deadline.due_date if deadline is not None else None


@secretariat
def compilations(request):
    """List the conferences whose compiled list is being prepared or was sent."""
    conferences = (
        Conference.objects.filter(agency=request.membership.agency)
        .exclude(status=ConferenceStatus.CANCELLED)
        .annotate(items=Count("agenda"))
        .order_by("-starts_at")
    )
    page = paginate(request, conferences)
    for c in page.object_list:
        c.compile_due = compile_due(c)
    return render(request, "conferences/compilations.html", {"page_obj": page})


@secretariat
def compilation(request, pk):
    """Show a conference's compiled list grouped by topic, with its due date and send button."""
    conference = get_object_or_404(
        Conference.objects.filter(agency=request.membership.agency), pk=pk
    )
    petitions = label_rows(
        request.user,
        list(
            list_queryset(request.user)
            .filter(conference=conference, status=Status.SCHEDULED)
            .order_by("topic__group", "topic__position", "code")
        ),
    )
    groups: dict = {}
    for p in petitions:
        key = p.topic.get_group_display() if p.topic else _("Chưa phân loại")
        groups.setdefault(key, []).append(p)
    context = {
        "conference": conference,
        "groups": groups,
        "count": len(petitions),
        "due": compile_due(conference),
        "can_send": conference.status in SCHEDULABLE and bool(petitions),
    }
    return render(request, "conferences/compilation.html", context)


@require_POST
@secretariat
def send_compilation(request, pk):
    """Send the compiled list to the chair, with one action."""
    conference = get_object_or_404(
        Conference.objects.filter(agency=request.membership.agency), pk=pk
    )
    try:
        conf_actions.send_compilation(conference=conference, by=request.user)
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã gửi tổng hợp kiến nghị cho người chủ trì."))
    return redirect("conferences:compilation", conference.pk)
