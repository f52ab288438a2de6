"""The page where a logged-in user creates and revokes personal API tokens."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import select_template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from doithoai.core.actionkit import today
from doithoai.core.errors import ActionError, PermissionRefused

from . import actions
from .models import ApiToken

DEFAULT_LIFETIME_DAYS = 90


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Tên khóa"), max_length=100)
    expires_on = forms.DateField(
        label=gettext_lazy("Hết hạn ngày"), widget=forms.DateInput(attrs={"type": "date"})
    )


def _base():
    # The site's layout once it exists; a minimal one until then.
    return select_template(["base.html", "api/fallback_base.html"])


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    """List the user's tokens; create one and show its secret this once."""
    secret = None
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            try:
                token, secret = actions.create_token(
                    by=request.user,
                    name=form.cleaned_data["name"],
                    expires_on=form.cleaned_data["expires_on"],
                )
            except ActionError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                form = TokenForm(initial=_initial())
                messages.success(request, _("Đã tạo khóa “%(name)s”.") % {"name": token.name})
    else:
        form = TokenForm(initial=_initial())
    rows = ApiToken.objects.filter(user=request.user)
    context = {"base": _base(), "form": form, "tokens": rows, "secret": secret}
    response = render(request, "api/tokens.html", context)
    if secret:
        response["Cache-Control"] = "no-store"
    return response


def _initial():
    return {"expires_on": today() + datetime.timedelta(days=DEFAULT_LIFETIME_DAYS)}


@login_required
@require_POST
def revoke(request, token_id: int):
    """Revoke one of the user's tokens."""
    token = ApiToken.objects.filter(pk=token_id, user=request.user).first()
    if token is None:
        raise Http404
    try:
        actions.revoke_token(token=token, by=request.user)
    except PermissionRefused as exc:
        raise PermissionDenied(str(exc.message)) from exc
    except ActionError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Đã thu hồi khóa “%(name)s”.") % {"name": token.name})
    return redirect("api:tokens")
