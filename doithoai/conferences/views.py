"""The conference workspace of the head and deputies: plans, conferences, the compiled list,
the chair's delegation, opening and closing, and the conclusion notice.

The running order (statements, answers, commitments, assignments, floor petitions) lives in
`followups.views_session` (answering, committing and assigning are follow-up actions); both
render `conferences/detail.html`.
"""

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doithoai.core.actionkit import today
from doithoai.core.forms import apply_action_error
from doithoai.core.pages import paginate, render_htmx, run
from doithoai.organizations.models import Delegation, DelegationKind, Role
from doithoai.organizations.pages import role_required
from doithoai.petitions.models import Status
from doithoai.petitions.visibility import submitter_label

from . import actions
from .filters import ConferenceFilter
from .forms import (
    CloseForm,
    ConferenceForm,
    DelegateForm,
    IssuePlanForm,
    NoticeDraftForm,
    NoticeIssueForm,
    OpenForm,
    PlanForm,
    ReasonForm,
    RescheduleForm,
)
from .models import (
    AgendaItem,
    ConclusionNotice,
    Conference,
    ConferenceStatus,
    DialoguePlan,
    NoticeStatus,
)
from .rules import is_effective_chair

VIEWERS = (Role.HEAD, Role.DEPUTY, Role.SECRETARIAT, Role.INSPECTOR)
WRITERS = (Role.HEAD, Role.DEPUTY, Role.SECRETARIAT)
viewers = role_required(*VIEWERS)
writers = role_required(*WRITERS)
BEFORE = (ConferenceStatus.PLANNED, ConferenceStatus.COMPILED)


def agency_conference(request, pk, *, lock_related=True):
    """Return a conference of the user's agency, or 404."""
    qs = Conference.objects.visible_to(request.user).filter(agency=request.membership.agency)
    if lock_related:
        qs = qs.select_related("chair", "plan", "agency")
    return get_object_or_404(qs, pk=pk)


# --- Lists -------------------------------------------------------------------------------


@viewers
def conference_list(request):
    """List the agency's conferences, filterable by year, status and kind."""
    base = (
        Conference.objects.visible_to(request.user)
        .filter(agency=request.membership.agency)
        .select_related("chair", "plan")
        .annotate(items=Count("agenda"))
        .order_by("-starts_at", "-id")
    )
    filterset = ConferenceFilter(request.GET or None, queryset=base)
    page = paginate(request, filterset.qs)
    return render_htmx(
        request,
        "conferences/list.html",
        "conferences/_list_rows.html",
        {
            "filter": filterset,
            "page_obj": page,
            "can_add": rules.has_perm(
                "conferences.add_conference", request.user, request.membership.agency
            ),
        },
    )


@viewers
def plans(request, forms=None):
    """List the yearly plans with their conferences; start and issue a plan."""
    agency = request.membership.agency
    forms = forms or {}
    qs = (
        DialoguePlan.objects.filter(agency=agency)
        .select_related("signer")
        .prefetch_related(
            Prefetch(
                "conferences",
                queryset=Conference.objects.order_by("starts_at").select_related("chair"),
            )
        )
        .order_by("-year")
    )
    page = paginate(request, qs, per_page=10)
    for plan in page.object_list:
        plan.issue_form = (
            forms.get("issue")
            if forms.get("issue_pk") == plan.pk
            else IssuePlanForm(initial={"issued_on": today()}, prefix=f"p{plan.pk}")
        )
    may_plan = rules.has_perm("conferences.add_plan", request.user, agency)
    context = {
        "page_obj": page,
        "may_plan": may_plan,
        "plan_form": forms.get("plan") or PlanForm(initial={"year": today().year}),
    }
    return render(request, "conferences/plans.html", context, status=400 if forms else 200)


@require_POST
@writers
def plan_create(request):
    """Start the year's plan."""
    form = PlanForm(request.POST)
    if form.is_valid():
        plan, error = run(
            lambda: actions.create_plan(
                agency=request.membership.agency, year=form.cleaned_data["year"], by=request.user
            )
        )
        if error is None:
            messages.success(request, _("Đã lập kế hoạch năm %(y)s.") % {"y": plan.year})
            return redirect("conferences:plans")
        apply_action_error(form, error)
    return plans(request, forms={"plan": form})


@require_POST
@writers
def plan_issue(request, pk):
    """Number and date the plan."""
    plan = get_object_or_404(DialoguePlan, pk=pk, agency=request.membership.agency)
    form = IssuePlanForm(request.POST, prefix=f"p{plan.pk}")
    if form.is_valid():
        plan, error = run(
            lambda: actions.issue_plan(
                plan=plan, issued_on=form.cleaned_data["issued_on"], by=request.user
            )
        )
        if error is None:
            messages.success(request, _("Đã ban hành kế hoạch %(s)s.") % {"s": plan.symbol})
            return redirect("conferences:plans")
        apply_action_error(form, error)
    return plans(request, forms={"issue": form, "issue_pk": plan.pk})


@writers
def conference_create(request):
    """Schedule a regular or ad hoc conference; rule 1's errors show by the date."""
    agency = request.membership.agency
    if not rules.has_perm("conferences.add_conference", request.user, agency):
        raise PermissionDenied
    initial = {"plan": DialoguePlan.objects.filter(agency=agency, year=today().year).first()}
    form = ConferenceForm(request.POST or None, agency=agency, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            conference, error = run(
                lambda: actions.plan_conference(
                    agency=agency,
                    kind=data["kind"],
                    title=data["title"],
                    starts_at=form.starts_at(),
                    place=data["place"],
                    plan=data["plan"],
                    combined_with=data["combined_with"],
                    by=request.user,
                )
            )
            if error is None:
                messages.success(request, _("Đã lên lịch %(t)s.") % {"t": conference.title})
                return redirect("conferences:detail", conference.pk)
            apply_action_error(form, error)
    return render(request, "conferences/create.html", {"form": form}, status=status)


# --- The workspace -----------------------------------------------------------------------


def agenda_items(conference):
    """Return the running order with what each row shows, in one query."""
    return list(
        AgendaItem.objects.filter(conference=conference)
        .select_related(
            "petition__topic",
            "petition__concerned_unit",
            "petition__submitter",
            "petition__submitter_unit",
            "answerer",
        )
        .order_by("position")
    )


def compiled_groups(user, items) -> list:
    """Group the compiled list by topic group, then by the unit concerned."""
    groups: dict = {}
    for item in items:
        p = item.petition
        if p.status == Status.MERGED:
            continue
        group = p.topic.get_group_display() if p.topic else _("Chưa phân loại")
        unit = str(p.concerned_unit) if p.concerned_unit else _("Không gắn đơn vị")
        groups.setdefault(group, {}).setdefault(unit, []).append(item)
    return [(g, list(units.items())) for g, units in groups.items()]


# What the apps above add to the workspace (the follow-up app: the conference's assignments):
# callables (conference, user) -> dict of context.
_WORKSPACE_CONTEXT = []


def add_workspace_context(provider) -> None:
    """Register `provider(conference, user) -> dict`, merged into the workspace's context."""
    if provider not in _WORKSPACE_CONTEXT:
        _WORKSPACE_CONTEXT.append(provider)


def workspace_context(request, conference, forms=None, selected=None) -> dict:
    """Return what the workspace shows for the conference's state and the user's rights."""
    user = request.user
    forms = forms or {}
    agency = conference.agency
    items = agenda_items(conference)
    for item in items:
        item.petition.submitter_shown = submitter_label(user, item.petition)
    chair_delegation = (
        Delegation.objects.filter(
            kind=DelegationKind.CHAIR, conference=conference, revoked_at__isnull=True
        )
        .select_related("grantee")
        .first()
    )
    notice = ConclusionNotice.objects.filter(conference=conference).first()
    status = conference.status
    chair = is_effective_chair(user, conference)
    may = {
        "delegate": actions.can_delegate_chair(user, conference),
        "revoke": chair_delegation is not None
        and actions.can_revoke_chair_delegation(user, chair_delegation),
        "cancel": actions.can_cancel_conference(user, conference),
        "reschedule": actions.can_reschedule_conference(user, conference),
        "open": actions.can_open_conference(user, conference),
        "run": actions.can_run_conference(user, conference),
        "minute": actions.can_record_statement(user, conference),
        "floor": actions.can_record_floor_petition(user, conference),
        "close": actions.can_close_conference(user, conference),
        "draft": actions.can_draft_notice(user, conference)
        and (notice is None or notice.status == NoticeStatus.DRAFT),
        "issue": actions.can_issue_notice(user, conference, notice),
        # What the record lets this user read in this state (documents offer the same).
        "compilation": rules.has_perm("conferences.view_compilation", user, conference),
        "minutes": rules.has_perm("conferences.view_minutes", user, conference),
        "notice": notice is not None and rules.has_perm("conferences.view_notice", user, notice),
    }
    context = {
        "conference": conference,
        "items": items,
        "groups": compiled_groups(user, items) if status in BEFORE else [],
        "chair_delegation": chair_delegation,
        "notice": notice,
        "may": may,
        "is_chair": chair,
        "selected": selected,
        "undecided": sum(1 for i in items if i.status in ("pending", "open")),
        "today": today(),
    }
    for extra in _WORKSPACE_CONTEXT:
        context.update(extra(conference, user))
    if may["delegate"]:
        context["delegate_form"] = forms.get("delegate") or DelegateForm(agency=agency)
    if may["revoke"] or may["cancel"]:
        context["reason_form"] = forms.get("reason") or ReasonForm()
    if may["reschedule"]:
        local = timezone.localtime(conference.starts_at)
        context["reschedule_form"] = forms.get("reschedule") or RescheduleForm(
            initial={"starts_on": local.date(), "starts_time": local.time()}
        )
    if may["open"]:
        context["open_form"] = forms.get("open") or OpenForm(agency=agency)
    if may["close"]:
        context["close_form"] = forms.get("close") or CloseForm()
    if may["draft"]:
        context["draft_form"] = forms.get("draft") or NoticeDraftForm(
            initial={"text": notice.text if notice else default_notice_text(conference, items)}
        )
    if may["issue"]:
        context["issue_form"] = forms.get("issue") or NoticeIssueForm(
            initial={"issued_on": today()}
        )
    if may["floor"]:
        from .forms import FloorForm

        context["floor_form"] = forms.get("floor") or FloorForm(agency=agency)
    return context


def default_notice_text(conference, items) -> str:
    """Start the notice from the chair's conclusion and the outcome of each item."""
    lines = [conference.conclusion.strip(), ""] if conference.conclusion else []
    for item in items:
        lines.append(f"- {item.petition.code} {item.petition.title}: {item.get_status_display()}.")
    return "\n".join(lines).strip()


@viewers
def detail(request, pk, forms=None):
    """Show a conference's workspace: before, during or after it."""
    conference = agency_conference(request, pk)
    context = workspace_context(request, conference, forms=forms)
    return render(request, "conferences/detail.html", context, status=400 if forms else 200)


def _form_action(request, conference, name, form, call, success):
    """Run `call(cleaned_data)` from a bound form; on refusal show the workspace with errors."""
    if form.is_valid():
        result, error = run(lambda: call(form.cleaned_data))
        if error is None:
            messages.success(request, success(result) if callable(success) else success)
            return redirect("conferences:detail", conference.pk)
        apply_action_error(form, error)
    return detail(request, conference.pk, forms={name: form})


@require_POST
@writers
def delegate(request, pk):
    """Delegate the chair to one deputy, with the reason."""
    conference = agency_conference(request, pk)
    return _form_action(
        request,
        conference,
        "delegate",
        DelegateForm(request.POST, agency=conference.agency),
        lambda d: actions.delegate_chair(
            conference=conference, deputy=d["deputy"], reason=d["reason"], by=request.user
        ),
        _("Đã ủy quyền chủ trì hội nghị."),
    )


@require_POST
@writers
def revoke(request, pk):
    """Revoke the chair delegation; the head chairs again."""
    delegation = get_object_or_404(
        Delegation, pk=pk, agency=request.membership.agency, kind=DelegationKind.CHAIR
    )
    conference = agency_conference(request, delegation.conference_id)
    return _form_action(
        request,
        conference,
        "reason",
        ReasonForm(request.POST),
        lambda d: actions.revoke_chair_delegation(
            delegation=delegation, reason=d["reason"], by=request.user
        ),
        _("Đã thu hồi ủy quyền chủ trì."),
    )


@require_POST
@writers
def cancel(request, pk):
    """Cancel a conference that has not opened."""
    conference = agency_conference(request, pk)
    return _form_action(
        request,
        conference,
        "reason",
        ReasonForm(request.POST),
        lambda d: actions.cancel_conference(
            conference=conference, reason=d["reason"], by=request.user
        ),
        _("Đã hủy hội nghị."),
    )


@require_POST
@writers
def reschedule(request, pk):
    """Move the conference to another day, time or place, with the reason."""
    conference = agency_conference(request, pk)
    form = RescheduleForm(request.POST)
    return _form_action(
        request,
        conference,
        "reschedule",
        form,
        lambda d: actions.reschedule_conference(
            conference=conference,
            starts_at=form.starts_at(),
            place=d["place"],
            reason=d["reason"],
            by=request.user,
        ),
        _("Đã đổi lịch hội nghị."),
    )


@require_POST
@writers
def open_view(request, pk):
    """Open the conference (its chair, once the compiled list was sent)."""
    conference = agency_conference(request, pk)
    form = OpenForm(request.POST, agency=conference.agency)
    return _form_action(
        request,
        conference,
        "open",
        form,
        lambda d: actions.open_conference(
            conference=conference,
            attendance=d["attendance"],
            confirm_other_day=d["confirm_other_day"],
            secretary=d["secretary"],
            head_count=form.head_count(),
            inspectors=list(d["inspectors"]),
            guests=d["guests"],
            by=request.user,
        ),
        _("Hội nghị đã khai mạc."),
    )


@require_POST
@writers
def close(request, pk):
    """Close the conference with the chair's conclusion."""
    conference = agency_conference(request, pk)
    return _form_action(
        request,
        conference,
        "close",
        CloseForm(request.POST),
        lambda d: actions.close_conference(
            conference=conference, conclusion=d["conclusion"], by=request.user
        ),
        _("Hội nghị đã bế mạc."),
    )


@require_POST
@writers
def notice_draft(request, pk):
    """Draft (or redraft) the conclusion notice (the secretariat)."""
    conference = agency_conference(request, pk)
    return _form_action(
        request,
        conference,
        "draft",
        NoticeDraftForm(request.POST),
        lambda d: actions.draft_notice(conference=conference, text=d["text"], by=request.user),
        _("Đã lưu dự thảo thông báo kết luận."),
    )


@require_POST
@writers
def notice_issue(request, pk):
    """Approve and issue the conclusion notice; the units' clocks start."""
    conference = agency_conference(request, pk)
    return _form_action(
        request,
        conference,
        "issue",
        NoticeIssueForm(request.POST),
        lambda d: actions.issue_notice(
            conference=conference, issued_on=d["issued_on"], by=request.user
        ),
        lambda notice: _("Đã ban hành thông báo kết luận %(s)s.") % {"s": notice.symbol},
    )
