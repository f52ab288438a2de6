"""Signing pages: a document's signatures and what the user may do; downloads; verification."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doithoai.core.errors import ActionError, PermissionRefused
from doithoai.core.lazy import lazy_module

from . import actions, originals, verification
from .forms import PdfUploadForm, Pkcs12SignForm, SealForm
from .models import ExternalRequest, Method, SignedDocument
from .signable import KIND_SLUGS, KINDS, SLUG_KINDS, check, load, signable

# pyHanko (with aiohttp and fontTools) loads on the first signature or check (see core.lazy).
pades = lazy_module("doithoai.signing.pades")

SLUGS = KIND_SLUGS


def _load(request, slug, pk):
    kind = SLUG_KINDS.get(slug)
    if kind not in KINDS:
        raise Http404
    try:
        obj = load(kind, pk)
        check(request.user, kind, obj)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc
    except PermissionRefused as exc:
        raise PermissionDenied from exc
    return kind, obj


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _may(check, *args, **kwargs) -> tuple[bool, str]:
    try:
        check(*args, **kwargs)
    except ActionError as exc:
        return False, str(exc.message)
    return True, ""


@login_required
def document(request, slug, pk):
    """Show a document's signed versions and the signing forms open to the user."""
    kind, obj = _load(request, slug, pk)
    doc = signable(kind, obj)
    may_sign, sign_reason = _may(actions.check_can_sign, request.user, kind, obj)
    may_seal, seal_reason = _may(actions.check_can_seal, request.user, kind, obj)
    latest = originals.latest(kind, obj)
    checks = None
    if latest is not None:
        try:
            checks = verification.verify(latest.content())
        except ActionError:
            checks = []
    pending = ExternalRequest.objects.filter(
        kind=kind, object_id=obj.pk, signer=request.user, accepted__isnull=True
    ).order_by("-created_at")
    return render(
        request,
        "signing/document.html",
        {
            "kind": kind,
            "slug": slug,
            "obj": obj,
            "doc": doc,
            "versions": doc.versions().select_related("signer"),
            "may_sign": may_sign,
            "sign_reason": sign_reason,
            "may_seal": may_seal,
            "seal_reason": seal_reason,
            "sign_form": Pkcs12SignForm(),
            "upload_form": PdfUploadForm(),
            "seal_form": SealForm(),
            "pending": pending,
            "latest": latest,
            "checks": checks,
            "placements": verification.PLACEMENT_LABELS,
            "modifications": verification.MODIFICATION_LABELS,
        },
    )


@require_POST
@login_required
def sign(request, slug, pk):
    """Sign on the server with the person's PKCS#12 file."""
    kind, obj = _load(request, slug, pk)
    form = Pkcs12SignForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("signing:document", slug, pk)
    try:
        signer = pades.pkcs12_signer(form.cleaned_data["pkcs12"], form.cleaned_data["password"])
        signed = actions.sign_document(
            kind=kind, obj=obj, by=request.user, signer=signer, method=Method.PKCS12
        )
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã ký số (bản %(v)s).") % {"v": signed.version})
    return redirect("signing:document", slug, pk)


@require_POST
@login_required
def prepare(request, slug, pk):
    """Prepare the PDF with an empty signature field for the person's own signing tool."""
    kind, obj = _load(request, slug, pk)
    try:
        prepared = actions.prepare_external(kind=kind, obj=obj, by=request.user)
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect("signing:document", slug, pk)
    return _pdf(prepared.content(), f"{slug}-{pk}-de-ky-{prepared.pk}.pdf")


@login_required
def prepared_file(request, pk):
    """Send a prepared PDF again to the person it was prepared for."""
    prepared = get_object_or_404(ExternalRequest, pk=pk, signer=request.user)
    slug = SLUGS.get(prepared.kind, prepared.kind)
    return _pdf(prepared.content(), f"{slug}-{prepared.object_id}-de-ky-{pk}.pdf")


@require_POST
@login_required
def upload(request, pk):
    """Accept the PDF the person signed in their own tool."""
    prepared = get_object_or_404(ExternalRequest, pk=pk, signer=request.user, kind__in=KINDS)
    slug = SLUGS[prepared.kind]
    form = PdfUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("signing:document", slug, prepared.object_id)
    try:
        signed = actions.accept_external(
            request=prepared, content=form.cleaned_data["file"], by=request.user
        )
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã nhận bản ký số (bản %(v)s).") % {"v": signed.version})
    return redirect("signing:document", slug, prepared.object_id)


@require_POST
@login_required
def seal(request, slug, pk):
    """Apply the agency's seal with its key (the secretariat)."""
    kind, obj = _load(request, slug, pk)
    form = SealForm(request.POST)
    attachment = form.is_valid() and form.cleaned_data["attachment"]
    try:
        signed = actions.seal_document(kind=kind, obj=obj, by=request.user, attachment=attachment)
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã ký số của cơ quan (bản %(v)s).") % {"v": signed.version})
    return redirect("signing:document", slug, pk)


@login_required
def download(request, pk):
    """Send a signed version exactly as it was stored."""
    signed = get_object_or_404(SignedDocument, pk=pk)
    if signed.kind not in SLUGS:  # a signature kept from before versions (`report_text`)
        raise Http404
    _load(request, SLUGS[signed.kind], signed.object_id)
    return _pdf(
        signed.content(), f"{SLUGS[signed.kind]}-{signed.object_id}-ky-so-v{signed.version}.pdf"
    )


@login_required
def verify(request):
    """Upload a PDF and see, for each signature, its validity, chain, time, changes, placement."""
    reports, error = None, ""
    form = PdfUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            reports = verification.verify(form.cleaned_data["file"])
        except ActionError as exc:
            error = str(exc.message)
    status = 400 if request.method == "POST" and (error or not form.is_valid()) else 200
    return render(
        request,
        "signing/verify.html",
        {
            "form": form,
            "reports": reports,
            "error": error,
            "placements": verification.PLACEMENT_LABELS,
            "modifications": verification.MODIFICATION_LABELS,
        },
        status=status,
    )
