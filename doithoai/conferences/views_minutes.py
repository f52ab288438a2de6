"""The minutes page: the minutes as frozen at close, then their addenda (đính chính), and the
form to add one for the secretariat and the chair."""

import datetime

import rules
from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from doithoai.core.forms import apply_action_error
from doithoai.core.pages import run

from . import actions
from .minutes import content_for
from .views import agency_conference, viewers, writers


class AddendumForm(forms.Form):
    """A correction to closed minutes: what it says and why."""

    text = forms.CharField(
        label=gettext_lazy("Nội dung đính chính"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
    )
    reason = forms.CharField(
        label=gettext_lazy("Lý do đính chính"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
        required=False,  # the action names what is missing, in its words
    )


def _date(text):
    return datetime.date.fromisoformat(text) if text else None


def _moment(text):
    return datetime.datetime.fromisoformat(text) if text else None


def _held(request, pk):
    """Return the conference whose minutes the user may read: 404 before it is held."""
    conference = agency_conference(request, pk)
    if not conference.closed_at or getattr(conference, "minutes", None) is None:
        raise Http404
    if not rules.has_perm("conferences.view_minutes", request.user, conference):
        raise Http404
    return conference


@viewers
def minutes(request, pk, form=None):
    """Show the frozen minutes and, after them, every addendum in order."""
    conference = _held(request, pk)
    content, sha256 = content_for(conference)
    context = {
        "conference": conference,
        "m": content,
        "held_on": _date(content.get("held_on")),
        "opened_at": _moment(content.get("opened_at")),
        "closed_at": _moment(content.get("closed_at")),
        "sha256": sha256,
        "frozen_at": conference.minutes.frozen_at,
        "addenda": list(conference.addenda.select_related("recorded_by").order_by("number")),
        "may_correct": actions.can_correct_minutes(request.user, conference),
        "form": form or AddendumForm(),
    }
    return render(request, "conferences/minutes.html", context, status=400 if form else 200)


@require_POST
@writers
def correct(request, pk):
    """Add an addendum after the minutes (the secretariat or the chair), audited."""
    conference = _held(request, pk)
    form = AddendumForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _result, error = run(
            lambda: actions.correct_minutes(
                conference=conference, text=data["text"], reason=data["reason"], by=request.user
            )
        )
        if error is None:
            messages.success(request, _("Đã ghi đính chính sau biên bản."))
            return redirect("conferences:minutes", conference.pk)
        apply_action_error(form, error)
    return minutes(request, pk, form=form)
