"""The running order during a conference: open an item, record statements, answer (directly
or by a designated leader), commit a time and form, assign to a unit, add a floor petition.

One view and one template: an item renders the whole workspace, or only the item panel
(`conferences/_item.html`, with the running order swapped out of band) when htmx asks.

These pages live in the follow-up app because answering, committing and assigning are its
actions; their URLs stay in the `conferences` namespace, composed in `doithoai/urls.py`.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doithoai.conferences import actions as conf_actions
from doithoai.conferences.forms import FloorForm, StatementForm
from doithoai.conferences.models import AgendaItem, Statement
from doithoai.conferences.views import (
    agency_conference,
    detail,
    run,
    viewers,
    workspace_context,
    writers,
)
from doithoai.core.forms import apply_action_error
from doithoai.core.pages import render_htmx
from doithoai.petitions import actions as pet_actions
from doithoai.petitions.models import Channel
from doithoai.petitions.visibility import submitter_label

from . import actions as fu_actions
from .forms import AnswerForm, AssignForm, CommitForm


def _item(request, pk, item_pk):
    conference = agency_conference(request, pk)
    item = get_object_or_404(
        AgendaItem.objects.select_related(
            "petition__topic",
            "petition__concerned_unit",
            "petition__submitter",
            "petition__submitter_unit",
            "answerer",
        ),
        pk=item_pk,
        conference=conference,
    )
    return conference, item


def item_context(request, conference, item, forms=None) -> dict:
    """Return the item panel's context: the petition, what was said, the chair's forms."""
    forms = forms or {}
    agency = conference.agency
    item.petition.submitter_shown = submitter_label(request.user, item.petition)
    context = workspace_context(request, conference, selected=item)
    may = context["may"]
    decidable = item.status in ("pending", "open")
    context.update(
        {
            "item": item,
            "statements": list(
                Statement.objects.filter(conference=conference, petition=item.petition)
                .select_related("speaker")
                .order_by("recorded_at", "id")
            ),
            "decidable": decidable and may["run"],
            "assignable": may["run"] and item.status in ("pending", "open", "committed"),
        }
    )
    if may["minute"]:
        context["statement_form"] = forms.get("statement") or StatementForm(agency=agency)
    if context["decidable"]:
        context["answer_form"] = forms.get("answer") or AnswerForm(agency=agency)
        context["commit_form"] = forms.get("commit") or CommitForm()
    if context["assignable"]:
        context["assign_form"] = forms.get("assign") or AssignForm(
            agency=agency, initial={"unit": item.petition.concerned_unit_id}
        )
    return context


def _render_item(request, conference, item, forms=None):
    context = item_context(request, conference, item, forms)
    # htmx swaps only successful responses, so a refusal shown in the panel answers 200.
    status = 400 if forms and not request.htmx else 200
    return render_htmx(
        request, "conferences/detail.html", "conferences/_item.html", context, status=status
    )


@viewers
def item(request, pk, item_pk):
    """Open one item of the running order."""
    conference, agenda_item = _item(request, pk, item_pk)
    return _render_item(request, conference, agenda_item)


def _item_action(request, pk, item_pk, name, make_form, call, success):
    conference, agenda_item = _item(request, pk, item_pk)
    form = make_form(conference)
    if form.is_valid():
        _result, error = run(lambda: call(agenda_item, form.cleaned_data))
        if error is None:
            if not request.htmx:
                messages.success(request, success)
                return redirect("conferences:item", conference.pk, agenda_item.pk)
            agenda_item.refresh_from_db()
            return _render_item(request, conference, agenda_item)
        apply_action_error(form, error)
    return _render_item(request, conference, agenda_item, forms={name: form})


@require_POST
@writers
def statement(request, pk, item_pk):
    """Record who spoke on this item and what they said."""
    return _item_action(
        request,
        pk,
        item_pk,
        "statement",
        lambda c: StatementForm(request.POST, agency=c.agency),
        lambda it, d: conf_actions.record_statement(
            conference=it.conference,
            petition=it.petition,
            speaker=d["speaker"],
            speaker_name=d["speaker_name"],
            text=d["text"],
            by=request.user,
        ),
        _("Đã ghi phát biểu."),
    )


@require_POST
@writers
def answer(request, pk, item_pk):
    """Answer the item at the conference, directly or by a designated leader."""
    return _item_action(
        request,
        pk,
        item_pk,
        "answer",
        lambda c: AnswerForm(request.POST, agency=c.agency),
        lambda it, d: fu_actions.answer_petition(
            petition=it.petition, text=d["text"], answerer=d["answerer"], by=request.user
        ),
        _("Đã ghi nội dung giải đáp."),
    )


@require_POST
@writers
def commit(request, pk, item_pk):
    """Commit a date and a form of answer for an item not settled."""
    return _item_action(
        request,
        pk,
        item_pk,
        "commit",
        lambda c: CommitForm(request.POST),
        lambda it, d: fu_actions.commit_answer(
            petition=it.petition,
            promised_on=d["promised_on"],
            form=d["form"],
            note=d["note"],
            by=request.user,
        ),
        _("Đã ghi cam kết thời gian, hình thức trả lời."),
    )


@require_POST
@writers
def assign(request, pk, item_pk):
    """Assign the item to a unit: 7 working days, or 15 when verification is needed."""
    return _item_action(
        request,
        pk,
        item_pk,
        "assign",
        lambda c: AssignForm(request.POST, agency=c.agency),
        lambda it, d: fu_actions.assign_petition(
            petition=it.petition,
            unit=d["unit"],
            instructions=d["instructions"],
            needs_verification=d["limit"] == "15",
            verification_reason=d["verification_reason"],
            by=request.user,
        ),
        _("Đã giao đơn vị xử lý."),
    )


@require_POST
@writers
def floor(request, pk):
    """Add a petition raised from the floor to the running order."""
    conference = agency_conference(request, pk)
    form = FloorForm(request.POST, agency=conference.agency)
    if form.is_valid():
        d = form.cleaned_data
        petition, error = run(
            lambda: pet_actions.record_petition(
                agency=conference.agency,
                title=d["title"],
                content=d["content"],
                topic=d["topic"],
                privacy=d["privacy"],
                submitter=d["submitter"],
                submitter_name=d["submitter_name"],
                channel=Channel.FLOOR,
                conference=conference,
                by=request.user,
            )
        )
        if error is None:
            messages.success(
                request, _("Đã thêm kiến nghị %(c)s vào chương trình.") % {"c": petition.code}
            )
            new_item = AgendaItem.objects.get(conference=conference, petition=petition)
            return redirect("conferences:item", conference.pk, new_item.pk)
        apply_action_error(form, error)
    return detail(request, conference.pk, forms={"floor": form})
