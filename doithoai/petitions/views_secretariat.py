"""Secretariat pages: inbox, paper petitions, classify, merge, reject, transfer, schedule,
the compiled list for the chair, following up assignments, publishing answers and notices."""

import datetime

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doithoai.conferences import actions as conf_actions
from doithoai.conferences.models import ConclusionNotice, Conference, ConferenceStatus
from doithoai.core.errors import ActionError
from doithoai.core.forms import apply_action_error
from doithoai.core.pages import paginate, render_htmx
from doithoai.followups import actions as fu_actions
from doithoai.followups.models import Answer, Assignment, AssignmentStatus
from doithoai.organizations.models import Role
from doithoai.organizations.pages import role_required

from . import actions
from .filters import PetitionFilter
from .forms import (
    MergeForm,
    ReceiveForm,
    RecordForm,
    RejectForm,
    ScheduleForm,
    TransferForm,
    UrgeForm,
)
from .models import Channel, Petition, Status
from .similar import similar_petitions
from .views import filter_options, label_rows, list_queryset

secretariat = role_required(Role.SECRETARIAT)
COMPILE_DAYS_BEFORE = 5
SCHEDULABLE = [ConferenceStatus.PLANNED, ConferenceStatus.COMPILED]


@secretariat
def inbox(request):
    """List the agency's petitions, new ones first by default, with the shared filters."""
    params = request.GET.copy()
    if not params:
        params.setlist("status", [Status.SUBMITTED])
    base = list_queryset(request.user).filter(agency=request.membership.agency)
    filterset = PetitionFilter(params, queryset=base)
    page = paginate(request, filterset.qs)
    label_rows(request.user, page.object_list)
    return render_htmx(
        request,
        "petitions/inbox.html",
        "petitions/_rows.html",
        {
            "filter": filterset,
            "page_obj": page,
            "show_manage": True,
            **filter_options(request.membership.agency),
        },
    )


@secretariat
def record(request):
    """Record a petition received on paper."""
    from django.core.cache import cache

    agency = request.membership.agency
    form = RecordForm(request.POST or None, request.FILES or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        key = f"petition-record:{request.user.pk}:{data['token']}"
        if not cache.add(key, "pending", 6 * 3600):
            messages.info(request, _("Kiến nghị này đã được ghi nhận; không tạo bản thứ hai."))
            return redirect("petitions:inbox")
        try:
            petition = actions.record_petition(
                agency=agency,
                title=data["title"],
                content=data["content"],
                channel=Channel.PAPER,
                topic=data["topic"],
                privacy=data["privacy"],
                submitter=data["submitter"],
                submitter_name=data["submitter_name"],
                submitter_unit=data["submitter_unit"],
                attachments=data["attachments"],
                by=request.user,
            )
        except ActionError as exc:
            cache.delete(key)
            apply_action_error(form, exc)
        else:
            messages.success(request, _("Đã ghi nhận kiến nghị %(c)s.") % {"c": petition.code})
            return redirect("petitions:manage", petition.pk)
    return render(request, "petitions/record.html", {"form": form})


def _agency_petition(request, pk):
    return get_object_or_404(
        list_queryset(request.user).filter(agency=request.membership.agency), pk=pk
    )


def _merge_candidates(petition):
    return Petition.objects.filter(
        agency=petition.agency, status__in=[Status.SUBMITTED, Status.RECEIVED, Status.SCHEDULED]
    ).exclude(pk=petition.pk)


@secretariat
def manage(request, pk, forms=None):
    """Classify, merge, reject or transfer one petition; show similar ones to merge."""
    petition = _agency_petition(request, pk)
    agency = petition.agency
    forms = forms or {}
    candidates = _merge_candidates(petition)
    suggestions = similar_petitions(candidates, petition.title, petition.content, limit=8)
    context = {
        "petition": petition,
        "submitter": label_rows(request.user, [petition])[0].submitter_shown,
        "receive_form": forms.get("receive")
        or ReceiveForm(
            agency=agency,
            initial={
                "topic": petition.topic_id,
                "concerned_unit": petition.concerned_unit_id,
                "privacy": petition.privacy,
            },
        ),
        "merge_form": forms.get("merge")
        or MergeForm(candidates=candidates, initial={"duplicates": [p.pk for p in suggestions]}),
        "suggestions": suggestions,
        "reject_form": forms.get("reject") or RejectForm(),
        "transfer_form": forms.get("transfer") or TransferForm(),
    }
    return render(request, "petitions/manage.html", context, status=400 if forms else 200)


def _run(request, petition, form_name, form, call, success):
    """Run an action from a bound form; on refusal show the form again with the error."""
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ActionError as exc:
            apply_action_error(form, exc)
        else:
            messages.success(request, success)
            return redirect("petitions:manage", petition.pk)
    return manage(request, petition.pk, forms={form_name: form})


@require_POST
@secretariat
def receive(request, pk):
    """Receive and classify a new petition."""
    petition = _agency_petition(request, pk)
    form = ReceiveForm(request.POST, agency=petition.agency)
    return _run(
        request,
        petition,
        "receive",
        form,
        lambda d: actions.receive_petition(
            petition=petition,
            topic=d["topic"],
            concerned_unit=d["concerned_unit"],
            privacy=d["privacy"],
            by=request.user,
        ),
        _("Đã tiếp nhận, phân loại kiến nghị %(c)s.") % {"c": petition.code},
    )


@require_POST
@secretariat
def merge(request, pk):
    """Merge the chosen duplicates into this petition."""
    petition = _agency_petition(request, pk)
    form = MergeForm(request.POST, candidates=_merge_candidates(petition))
    return _run(
        request,
        petition,
        "merge",
        form,
        lambda d: actions.merge_petitions(
            lead=petition, duplicates=list(d["duplicates"]), reason=d["reason"], by=request.user
        ),
        _("Đã gộp kiến nghị trùng vào %(c)s.") % {"c": petition.code},
    )


@require_POST
@secretariat
def reject(request, pk):
    """Refuse a petition outside the agency's competence, with the reason."""
    petition = _agency_petition(request, pk)
    form = RejectForm(request.POST)
    return _run(
        request,
        petition,
        "reject",
        form,
        lambda d: actions.reject_petition(petition=petition, reason=d["reason"], by=request.user),
        _("Đã từ chối kiến nghị %(c)s.") % {"c": petition.code},
    )


@require_POST
@secretariat
def transfer(request, pk):
    """Transfer a petition to the competent body, with the reason."""
    petition = _agency_petition(request, pk)
    form = TransferForm(request.POST)
    return _run(
        request,
        petition,
        "transfer",
        form,
        lambda d: actions.transfer_petition(
            petition=petition, to=d["transferred_to"], reason=d["reason"], by=request.user
        ),
        _("Đã chuyển kiến nghị %(c)s.") % {"c": petition.code},
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
            done = actions.schedule_petitions(
                conference=form.cleaned_data["conference"],
                petitions=list(form.cleaned_data["petitions"]),
                by=request.user,
            )
        except ActionError as exc:
            apply_action_error(form, exc)
        else:
            messages.success(request, _("Đã đưa %(n)d kiến nghị vào hội nghị.") % {"n": len(done)})
            return redirect("petitions:compilation", form.cleaned_data["conference"].pk)
    page = paginate(request, petitions, per_page=100)
    return render(request, "petitions/schedule.html", {"form": form, "page_obj": page})


@require_POST
@secretariat
def unschedule(request, pk):
    """Take a petition off a conference that has not opened yet."""
    petition = _agency_petition(request, pk)
    conference_id = petition.conference_id
    try:
        actions.unschedule_petition(
            petition=petition, reason=request.POST.get("reason", ""), by=request.user
        )
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã rút %(c)s khỏi chương trình.") % {"c": petition.code})
    if conference_id:
        return redirect("petitions:compilation", conference_id)
    return redirect("petitions:manage", petition.pk)


def compile_due(conference) -> datetime.date:
    """Return the last day to send the compiled list: 5 days before the conference (rule 4)."""
    return conference.date - datetime.timedelta(days=COMPILE_DAYS_BEFORE)


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
    return render(request, "petitions/compilations.html", {"page_obj": page})


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
    return render(request, "petitions/compilation.html", context)


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
    return redirect("petitions:compilation", conference.pk)


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
        "petitions/followup.html",
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
    return redirect(reverse("petitions:followup"))


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
        "petitions/publish.html",
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
    return redirect("petitions:publish")


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
    return redirect("petitions:publish")
