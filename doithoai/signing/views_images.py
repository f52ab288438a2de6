"""Pages where a person uploads their own signature image and the agency admin the seal."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from doithoai.core.errors import ActionError
from doithoai.organizations.models import Agency

from . import actions
from .forms import ImageForm, SealImageForm
from .models import AgencySeal, SignerProfile


def _errors(form) -> str:
    return " ".join(e for errs in form.errors.values() for e in errs)


@login_required
def my_signature(request):
    """Upload one's own signature image (blue, PNG, transparent background)."""
    form = ImageForm(request.POST or None, request.FILES or None)
    error = ""
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.set_signature_image(
                    user=request.user, image=form.cleaned_data["image"], by=request.user
                )
            except ActionError as exc:
                error = str(exc.message)
            else:
                messages.success(request, _("Đã lưu ảnh chữ ký."))
                return redirect("signing:my_signature")
        else:
            error = _errors(form)
    profile = SignerProfile.objects.filter(user=request.user).first()
    return render(
        request,
        "signing/my_signature.html",
        {"form": form, "error": error, "profile": profile},
        status=400 if error else 200,
    )


@login_required
def agency_seal(request, code):
    """Upload the agency's seal image and its real diameter (the agency's administrator)."""
    agency = get_object_or_404(Agency, code=code)
    if not rules.has_perm("signing.change_seal", request.user, agency):
        raise PermissionDenied
    form = SealImageForm(request.POST or None, request.FILES or None)
    error = ""
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.set_seal_image(
                    agency=agency,
                    image=form.cleaned_data["image"],
                    diameter_mm=form.cleaned_data["diameter_mm"],
                    by=request.user,
                )
            except ActionError as exc:
                error = str(exc.message)
            else:
                messages.success(request, _("Đã lưu ảnh con dấu."))
                return redirect("signing:agency_seal", code)
        else:
            error = _errors(form)
    seal = AgencySeal.objects.filter(agency=agency).first()
    return render(
        request,
        "signing/agency_seal.html",
        {"form": form, "error": error, "agency": agency, "seal": seal},
        status=400 if error else 200,
    )
