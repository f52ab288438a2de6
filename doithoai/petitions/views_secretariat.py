"""Secretariat pages on petitions: inbox, paper petitions, classify, merge, reject, transfer.

Putting petitions on a conference and the compiled list are `conferences.views_compilation`;
following up assignments and publishing answers are `followups.views_secretariat`."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doithoai.core.errors import ActionError
from doithoai.core.forms import apply_action_error
from doithoai.core.pages import paginate, render_htmx
from doithoai.organizations.models import Role
from doithoai.organizations.pagecache import cached_page
from doithoai.organizations.pages import role_required

from . import actions
from .filters import PetitionFilter
from .forms import (
    MergeForm,
    ReceiveForm,
    RecordForm,
    RejectForm,
    TransferForm,
)
from .models import Channel, Petition, Status
from .similar import similar_petitions
from .views import filter_options, label_rows, list_queryset

secretariat = role_required(Role.SECRETARIAT)
COMPILE_DAYS_BEFORE = 5


@secretariat
@cached_page
def inbox(request):
    """List the agency's petitions, new ones first by default, with the shared filters."""
    params = request.GET.copy()
    if not params:
        params.setlist("status", [Status.SUBMITTED])
    base = list_queryset(request.user).filter(agency=request.membership.agency)
    filterset = PetitionFilter(params, queryset=base)
    page = paginate(request, filterset.qs, capped=True)
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
@cached_page
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
