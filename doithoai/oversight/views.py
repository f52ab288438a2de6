"""The inspection board's pages: a read-only view of everything, audit trails with the chain's
verification, and its observations. Its only write is recording an observation."""

import rules
from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doithoai.conferences.filters import ConferenceFilter
from doithoai.conferences.models import Conference
from doithoai.core.actionkit import today
from doithoai.core.forms import apply_action_error
from doithoai.core.pages import paginate, render_htmx, run
from doithoai.followups.models import Assignment, AssignmentStatus
from doithoai.followups.views import filtered
from doithoai.organizations.models import Role, Unit
from doithoai.organizations.pages import role_required
from doithoai.petitions.filters import PetitionFilter
from doithoai.petitions.models import Petition
from doithoai.petitions.views import filter_options, label_rows, list_queryset

from . import actions
from .forms import ObservationAnswerForm, ObservationForm
from .models import Observation
from .trail import chain_status, trail

inspectors = role_required(Role.INSPECTOR)
readers = role_required(Role.INSPECTOR, Role.HEAD, Role.DEPUTY)
OPEN_ASSIGNMENTS = (AssignmentStatus.ASSIGNED, AssignmentStatus.RETURNED)


@inspectors
def home(request):
    """Show the board what to watch: counts, late assignments, unanswered recommendations."""
    agency = request.membership.agency
    petitions = Petition.objects.visible_to(request.user).filter(agency=agency)
    late = Assignment.objects.filter(
        agency=agency, status__in=OPEN_ASSIGNMENTS, due_date__lt=today()
    )
    context = {
        "by_status": petitions.values("status").annotate(n=Count("id")).order_by("status"),
        "conference_count": Conference.objects.filter(agency=agency).count(),
        "late": list(late.select_related("petition", "unit").order_by("due_date")[:10]),
        "late_count": late.count(),
        "waiting": Observation.objects.filter(
            agency=agency, kind="recommendation", answered_at__isnull=True
        ).count(),
        "chain": chain_status(agency),
    }
    from doithoai.petitions.models import Status

    labels = dict(Status.choices)
    context["by_status"] = [
        (labels.get(r["status"], r["status"]), r["n"]) for r in context["by_status"]
    ]
    return render(request, "oversight/home.html", context)


@inspectors
def petitions(request):
    """List every petition of the agency, confidential identities hidden."""
    agency = request.membership.agency
    filterset = PetitionFilter(
        request.GET or None, queryset=list_queryset(request.user).filter(agency=agency)
    )
    page = paginate(request, filterset.qs)
    label_rows(request.user, page.object_list)
    return render_htmx(
        request,
        "oversight/petitions.html",
        "oversight/_petition_rows.html",
        {"filter": filterset, "page_obj": page, **filter_options(agency)},
    )


@inspectors
def petition(request, pk):
    """Show one petition read-only, with its audit trail and the chain's status."""
    agency = request.membership.agency
    item = get_object_or_404(list_queryset(request.user).filter(agency=agency), pk=pk)
    label_rows(request.user, [item])
    context = {
        "petition": item,
        "events": trail(request.user, agency, petition=item),
        "chain": chain_status(agency),
        "answers": list(item.answers.select_related("answered_by").order_by("created_at")),
        "assignments": list(item.assignments.select_related("unit").order_by("created_at")),
        "observations": list(item.observations.select_related("author")),
        "form": ObservationForm(agency=agency, initial={"petition": item.pk}),
    }
    return render(request, "oversight/petition.html", context)


@inspectors
def conferences(request):
    """List every conference of the agency."""
    agency = request.membership.agency
    base = (
        Conference.objects.filter(agency=agency)
        .select_related("chair", "plan")
        .annotate(items=Count("agenda"))
        .order_by("-starts_at", "-id")
    )
    filterset = ConferenceFilter(request.GET or None, queryset=base)
    return render_htmx(
        request,
        "oversight/conferences.html",
        "conferences/_list_rows.html",
        {"filter": filterset, "page_obj": paginate(request, filterset.qs)},
    )


@inspectors
def conference(request, pk):
    """Show one conference's audit trail and the chain's status."""
    agency = request.membership.agency
    item = get_object_or_404(
        Conference.objects.filter(agency=agency).select_related("chair", "plan"), pk=pk
    )
    context = {
        "conference": item,
        "events": trail(request.user, agency, conference=item),
        "chain": chain_status(agency),
        "observations": list(item.observations.select_related("author")),
        "form": ObservationForm(agency=agency, initial={"conference": item.pk}),
    }
    return render(request, "oversight/conference.html", context)


@inspectors
def assignments(request):
    """List every assignment to a unit with its due date; filter late ones."""
    agency = request.membership.agency
    qs = (
        Assignment.objects.visible_to(request.user)
        .filter(agency=agency)
        .select_related("petition", "unit", "conference")
        .order_by("due_date", "id")
    )
    form, qs = filtered(request, qs)
    return render_htmx(
        request,
        "oversight/assignments.html",
        "followups/_rows.html",
        {
            "filter_form": form,
            "page_obj": paginate(request, qs),
            "show_unit": True,
            "units": list(Unit.objects.filter(agency=agency).only("id", "name")),
        },
    )


@readers
def observations(request, form=None, answer_forms=None):
    """List the board's observations and their answers; the board records, the head answers."""
    agency = request.membership.agency
    qs = (
        Observation.objects.visible_to(request.user)
        .filter(agency=agency)
        .select_related("author", "answered_by", "conference", "petition")
    )
    state = request.GET.get("state")
    if state == "waiting":
        qs = qs.filter(answered_at__isnull=True)
    elif state == "answered":
        qs = qs.filter(answered_at__isnull=False)
    kind = request.GET.get("kind")
    if kind in ("observation", "recommendation"):
        qs = qs.filter(kind=kind)
    page = paginate(request, qs)
    may_answer = rules.has_perm("oversight.answer_observation", request.user, agency)
    answer_forms = answer_forms or {}
    for obs in page.object_list:
        if may_answer and not obs.is_answered:
            obs.answer_form = answer_forms.get(obs.pk) or ObservationAnswerForm(prefix=f"o{obs.pk}")
    may_record = rules.has_perm("oversight.record_observation", request.user, agency)
    context = {
        "page_obj": page,
        "may_record": may_record,
        "form": (form or ObservationForm(agency=agency)) if may_record else None,
        "state": state or "",
        "kind": kind or "",
    }
    status = 400 if form is not None or answer_forms else 200
    return render_htmx(
        request,
        "oversight/observations.html",
        "oversight/_observation_rows.html",
        context,
        status=status,
    )


@require_POST
@inspectors
def observation_create(request):
    """Record an observation or a recommendation."""
    agency = request.membership.agency
    form = ObservationForm(request.POST, agency=agency)
    if form.is_valid():
        d = form.cleaned_data
        petition_obj = None
        if d["petition"]:
            petition_obj = (
                Petition.objects.visible_to(request.user)
                .filter(Q(agency=agency), pk=d["petition"])
                .first()
            )
        _obs, error = run(
            lambda: actions.record_observation(
                agency=agency,
                kind=d["kind"],
                text=d["text"],
                conference=d["conference"],
                petition=petition_obj,
                by=request.user,
            )
        )
        if error is None:
            messages.success(request, _("Đã ghi ý kiến giám sát."))
            return redirect("oversight:observations")
        apply_action_error(form, error)
    return observations(request, form=form)


@require_POST
@role_required(Role.HEAD)
def observation_answer(request, pk):
    """Answer the board's observation (the head)."""
    obs = get_object_or_404(Observation, pk=pk, agency=request.membership.agency)
    form = ObservationAnswerForm(request.POST, prefix=f"o{obs.pk}")
    if form.is_valid():
        _obs, error = run(
            lambda: actions.answer_observation(
                observation=obs, text=form.cleaned_data["text"], by=request.user
            )
        )
        if error is None:
            messages.success(request, _("Đã trả lời ý kiến giám sát."))
            return redirect("oversight:observations")
        apply_action_error(form, error)
    return observations(request, answer_forms={obs.pk: form})
