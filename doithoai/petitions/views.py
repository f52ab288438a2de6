"""Staff pages: submit a petition, follow it, read answers, give feedback, representatives."""

import time

from django.contrib import messages
from django.core.cache import cache
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doithoai.audit.models import AuditEvent
from doithoai.core.actionkit import today
from doithoai.core.errors import ActionError
from doithoai.core.forms import apply_action_error
from doithoai.core.pages import paginate, render_htmx
from doithoai.core.throttle import cache_key
from doithoai.organizations import actions as org_actions
from doithoai.organizations.models import Delegation, DelegationKind, Role
from doithoai.organizations.pagecache import cached_page
from doithoai.organizations.pages import member_required, role_required

from . import actions
from .filters import PetitionFilter
from .forms import (
    AS_UNIT,
    AuthorizeForm,
    FeedbackForm,
    SubmitForm,
    representative_delegations,
)
from .models import Attachment, Petition, Privacy, Status
from .similar import OPEN_TO_SUPPORT, similar_petitions
from .visibility import can_see_identity, submitter_label

STAFF_ROLES = (Role.STAFF, Role.UNIT_LEADER)
TOKEN_TTL = 6 * 3600


def list_queryset(user):
    """Return the visible petitions with what a list row shows, in one query."""
    return Petition.objects.visible_to(user).select_related(
        "topic", "conference", "submitter", "submitter_unit", "concerned_unit"
    )


def filter_options(agency) -> dict:
    """Return the choices the filter bar offers (three small queries)."""
    from doithoai.organizations.models import Unit

    from .models import Status, Topic

    return {
        "statuses": Status.choices,
        "topics": list(Topic.objects.filter(agency=agency).only("id", "name")),
        "units": list(Unit.objects.filter(agency=agency).only("id", "name")),
        "conferences": list(
            # The conference model is a layer above: reach it through the petition's relation.
            Petition.conference.field.related_model.objects.filter(agency=agency)
            .only("id", "title")
            .order_by("-starts_at")[:20]
        ),
    }


def label_rows(user, petitions):
    """Attach the submitter label each row may show (no query: relations are selected)."""
    for p in petitions:
        p.submitter_shown = submitter_label(user, p)
    return petitions


# --- Submit ------------------------------------------------------------------------------


def _token_key(user, token, *, anonymous: bool) -> str:
    """Name the cache entry that claims a form's one-time token.

    An anonymous submission's entry names neither the user nor the petition: only a hash
    of the random form token, holding a bare marker. Nothing stored anywhere ties the
    anonymous petition to the person who sent it; its receipt is shown in the response
    to the submission itself and never stored.
    """
    if anonymous:
        return cache_key("petition-submit:anon", str(token))
    return f"petition-submit:{user.pk}:{token}"


@role_required(*STAFF_ROLES)
def submit(request):
    """Submit a petition; htmx asks the same view for similar petitions while typing.

    A double submit creates one petition: the form's one-time token is claimed in the
    cache before the action runs, and a repeated post is sent to what the first one made
    (for an anonymous petition: told that it was sent, since nothing links it to anyone).
    """
    agency = request.membership.agency
    if request.htmx and request.method == "GET":
        found = similar_petitions(
            list_queryset(request.user).filter(status__in=OPEN_TO_SUPPORT),
            request.GET.get("title", ""),
            request.GET.get("content", ""),
        )
        return render(request, "petitions/_similar.html", {"similar": found})
    delegations = representative_delegations(request.user, agency, today())
    form = SubmitForm(
        request.POST or None,
        request.FILES or None,
        agency=agency,
        user=request.user,
        delegations=delegations,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        anonymous = data["privacy"] == Privacy.ANONYMOUS
        key = _token_key(request.user, data["token"], anonymous=anonymous)
        if not cache.add(key, "pending", TOKEN_TTL):
            return _already_submitted(request, key, anonymous=anonymous)
        choice = data["on_behalf"]
        try:
            petition = actions.submit_petition(
                agency=agency,
                title=data["title"],
                content=data["content"],
                topic=data["topic"],
                privacy=data["privacy"],
                as_unit=choice == AS_UNIT,
                delegation=form.delegations.get(choice),
                attachments=data["attachments"],
                by=request.user,
            )
        except ActionError as exc:
            cache.delete(key)
            apply_action_error(form, exc)
        else:
            receipt = getattr(petition, "receipt_code", None)
            if receipt:
                cache.set(key, "done", TOKEN_TTL)
                return _receipt_page(request, receipt)
            cache.set(key, {"pk": petition.pk}, TOKEN_TTL)
            messages.success(request, _("Đã gửi kiến nghị %(code)s.") % {"code": petition.code})
            return redirect("petitions:detail", petition.pk)
    return render(
        request, "petitions/submit.html", {"form": form, "has_delegations": bool(delegations)}
    )


def _receipt_page(request, code):
    """Show an anonymous petition's receipt code, once, in the submission's own response."""
    response = render(request, "petitions/receipt.html", {"code": code})
    response["Cache-Control"] = "no-store"
    return response


def _already_submitted(request, key, *, anonymous: bool):
    """Answer a repeated post with what the first one created (waiting briefly for it)."""
    for _attempt in range(50):
        value = cache.get(key)
        if value is not None and value != "pending":
            break
        time.sleep(0.1)
    else:
        messages.warning(request, _("Kiến nghị đang được gửi, vui lòng kiểm tra lại danh sách."))
        return redirect("petitions:mine")
    if anonymous:
        return _receipt_page(request, None)
    messages.info(request, _("Kiến nghị này đã được gửi; hệ thống không tạo bản thứ hai."))
    if Petition.objects.visible_to(request.user).filter(pk=value["pk"]).exists():
        return redirect("petitions:detail", value["pk"])
    return redirect("petitions:mine")


@role_required(*STAFF_ROLES)
def receipt(request):
    """Say that a receipt code is shown only once (old links to this page land here)."""
    return _receipt_page(request, None)


# --- Lists and detail ---------------------------------------------------------------------


@member_required
def mine(request):
    """List the petitions the user submitted or raised as representative, in every state."""
    base = list_queryset(request.user).filter(
        Q(submitter=request.user) | Q(delegation__grantee=request.user)
    )
    filterset = PetitionFilter(request.GET or None, queryset=base)
    page = paginate(request, filterset.qs, capped=True)
    label_rows(request.user, page.object_list)
    return render_htmx(
        request,
        "petitions/mine.html",
        "petitions/_rows.html",
        {"filter": filterset, "page_obj": page, **filter_options(request.membership.agency)},
    )


def _timeline(user, petition):
    events = (
        AuditEvent.objects.filter(petition_id=petition.pk).select_related("actor").order_by("seq")
    )
    identity = can_see_identity(user, petition)
    rows = []
    for e in events:
        actor = ""
        if e.actor_id and (identity or not e.actor_confidential):
            actor = e.actor.get_full_name() or e.actor.get_username()
        rows.append(
            {"at": e.created_at, "what": e.get_verb_display(), "actor": actor, "reason": e.reason}
        )
    return rows


def _detail_context(request, petition, feedback_form=None) -> dict:
    user = request.user
    is_submitter = petition.submitter_id == user.pk
    supports = petition.supports.aggregate(n=Count("id"), mine=Count("id", filter=Q(user=user)))
    return {
        "petition": petition,
        "submitter": submitter_label(user, petition),
        "answers": list(petition.answers.select_related("answered_by").order_by("created_at")),
        "attachments": list(petition.attachments.all()),
        "timeline": _timeline(user, petition),
        "supports": supports["n"],
        "can_support": (
            not is_submitter
            and not supports["mine"]
            and petition.status in OPEN_TO_SUPPORT
            and bool(request.membership.role_set & set(STAFF_ROLES))
        ),
        "can_feedback": is_submitter and petition.status == Status.ANSWERED,
        "can_withdraw": is_submitter and petition.status in (Status.SUBMITTED, Status.RECEIVED),
        "is_secretariat": Role.SECRETARIAT in request.membership.role_set,
        "feedback_form": feedback_form or FeedbackForm(),
    }


def _get_detail(user, pk):
    return get_object_or_404(list_queryset(user).select_related("merged_into"), pk=pk)


@member_required
@cached_page
def detail(request, pk):
    """Show a petition: its state, content, answers, attachments and its timeline."""
    petition = _get_detail(request.user, pk)
    return render(request, "petitions/detail.html", _detail_context(request, petition))


@member_required
def attachment(request, pk):
    """Send an attachment of a petition the user may see."""
    item = get_object_or_404(Attachment, pk=pk)
    if not Petition.objects.visible_to(request.user).filter(pk=item.petition_id).exists():
        raise Http404
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)


# --- Staff actions on a petition ----------------------------------------------------------


def _visible_or_404(user, pk):
    return get_object_or_404(Petition.objects.visible_to(user), pk=pk)


@require_POST
@role_required(*STAFF_ROLES)
def support(request, pk):
    """Support a petition already filed instead of filing a duplicate."""
    petition = _visible_or_404(request.user, pk)
    try:
        actions.support_petition(petition=petition, by=request.user)
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Đã ghi nhận anh/chị ủng hộ kiến nghị %(c)s.") % {"c": petition.code}
        )
    if request.htmx:
        return render(request, "petitions/_supported.html", {"petition": petition})
    return redirect("petitions:detail", petition.pk)


@require_POST
@member_required
def feedback(request, pk):
    """Say whether the answer settled the matter; an unsatisfied one reopens once."""
    petition = _visible_or_404(request.user, pk)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            actions.give_feedback(
                petition=petition,
                satisfied=form.cleaned_data["satisfied"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ActionError as exc:
            apply_action_error(form, exc)
        else:
            messages.success(request, _("Đã ghi nhận phản hồi của anh/chị."))
            return redirect("petitions:detail", petition.pk)
    return _detail_with_form(request, petition, form)


def _detail_with_form(request, petition, form):
    """Show the detail again with the bound form: the error beside the field, input kept."""
    petition = _get_detail(request.user, petition.pk)
    context = _detail_context(request, petition, feedback_form=form)
    return render(request, "petitions/detail.html", context, status=400)


@require_POST
@member_required
def withdraw(request, pk):
    """Withdraw one's own petition before it is scheduled."""
    petition = _visible_or_404(request.user, pk)
    try:
        actions.withdraw_petition(
            petition=petition, by=request.user, reason=request.POST.get("reason", "")
        )
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã rút kiến nghị."))
    return redirect("petitions:detail", petition.pk)


# --- Representatives ----------------------------------------------------------------------


@role_required(*STAFF_ROLES)
def authorize(request):
    """Authorize a unit representative, and list the authorizations one has given."""
    agency = request.membership.agency
    form = AuthorizeForm(request.POST or None, agency=agency, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            org_actions.authorize_representative(
                agency=agency,
                grantee=form.cleaned_data["grantee"],
                valid_until=form.cleaned_data["valid_until"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ActionError as exc:
            apply_action_error(form, exc)
        else:
            messages.success(request, _("Đã ủy quyền người đại diện."))
            return redirect("petitions:authorize")
    given = (
        Delegation.objects.filter(
            agency=agency, kind=DelegationKind.REPRESENTATIVE, grantor=request.user
        )
        .select_related("grantee")
        .order_by("-created_at")
    )
    return render(request, "petitions/authorize.html", {"form": form, "given": given})


@member_required
def represented(request):
    """List what a representative raised for those who authorized them; confirm informing."""
    delegations = list(
        Delegation.objects.filter(
            agency=request.membership.agency,
            kind=DelegationKind.REPRESENTATIVE,
            grantee=request.user,
        )
        .select_related("grantor")
        .order_by("-created_at")
    )
    petitions = list_queryset(request.user).filter(delegation__grantee=request.user)
    page = paginate(request, petitions)
    label_rows(request.user, page.object_list)
    return render(
        request,
        "petitions/represented.html",
        {"delegations": delegations, "page_obj": page},
    )


@require_POST
@member_required
def confirm_informed(request, pk):
    """Record that the representative told the grantor what was raised and answered."""
    delegation = get_object_or_404(
        Delegation, pk=pk, grantee=request.user, kind=DelegationKind.REPRESENTATIVE
    )
    try:
        org_actions.confirm_representative_informed(delegation=delegation, by=request.user)
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã xác nhận đã thông báo lại cho người ủy quyền."))
    return redirect("petitions:represented")
