"""The agency administrator's webhooks: register endpoints, see deliveries, resend."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from doithoai.core.pages import paginate, run
from doithoai.organizations.models import Role
from doithoai.organizations.pages import role_required

from . import webhooks
from .events import EVENTS
from .models import WebhookDelivery, WebhookEndpoint

admins = role_required(Role.ADMIN)


class EndpointForm(forms.Form):
    """An HTTPS address, its shared secret and the events it receives."""

    url = forms.URLField(
        label=gettext_lazy("Địa chỉ nhận (HTTPS)"), max_length=500, assume_scheme="https"
    )
    secret = forms.CharField(label=gettext_lazy("Khóa bí mật"), min_length=16, max_length=200)
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Sự kiện"),
        choices=[(n, n) for n in [*EVENTS, "assignment_urged"]],
        widget=forms.CheckboxSelectMultiple,
    )


@admins
def webhook_list(request, form=None):
    """List the agency's endpoints and their latest deliveries; offer the form."""
    agency = request.membership.agency
    deliveries = WebhookDelivery.objects.filter(endpoint__agency=agency).select_related("endpoint")
    context = {
        "endpoints": WebhookEndpoint.objects.filter(agency=agency),
        "page_obj": paginate(request, deliveries),
        "form": form or EndpointForm(),
    }
    return render(
        request, "notifications/webhooks.html", context, status=400 if form is not None else 200
    )


@require_POST
@admins
def webhook_create(request):
    """Register an endpoint."""
    form = EndpointForm(request.POST)
    if form.is_valid():
        _endpoint, error = run(
            lambda: webhooks.register_endpoint(
                agency=request.membership.agency, by=request.user, **form.cleaned_data
            )
        )
        if error is None:
            messages.success(request, _("Đã đăng ký địa chỉ nhận."))
            return redirect("notifications:webhooks")
        form.add_error(getattr(error, "field", None) or None, str(error))
    return webhook_list(request, form=form)


@require_POST
@admins
def webhook_resend(request, pk):
    """Send a delivery again."""
    delivery = get_object_or_404(WebhookDelivery, pk=pk, endpoint__agency=request.membership.agency)
    run(lambda: webhooks.resend(delivery=delivery, by=request.user))
    messages.success(request, _("Đã xếp lịch gửi lại."))
    return redirect("notifications:webhooks")
