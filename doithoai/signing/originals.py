"""The signed original of a document, for `/van-ban/…pdf` (registered in documents.service)."""

from doithoai.documents import service
from doithoai.reports.models import ReportSubmission, SubmissionStatus

from .models import SignedDocument
from .signable import KIND_SLUGS


def latest(kind: str, obj) -> SignedDocument | None:
    """Return the latest stored signed version of the document built from `obj`."""
    if obj is None or getattr(obj, "pk", None) is None:
        return None
    return SignedDocument.objects.filter(kind=kind, object_id=obj.pk).order_by("-version").first()


def filename(signed: SignedDocument) -> str:
    """Return the file name of a signed version, such as `ke-hoach-3-ky-so-v2.pdf`."""
    return (
        f"{KIND_SLUGS.get(signed.kind, signed.kind)}-{signed.object_id}-ky-so-v{signed.version}.pdf"
    )


def rendered(signed: SignedDocument) -> service.Rendered:
    """Return a signed version's bytes with headers naming its version, stage and SHA-256."""
    return service.Rendered(
        signed.content(),
        filename(signed),
        "application/pdf",
        headers={
            "X-Doithoai-Signed-Version": str(signed.version),
            "X-Doithoai-Signed-Stage": signed.stage,
            "X-Doithoai-Signed-SHA256": signed.sha256,
        },
    )


def signed_original(kind: str, obj, *, year=None, half=None) -> service.Rendered | None:
    """Return the latest signed PDF of the document, or None.

    For a report `obj` is the agency: the document is the period's latest version sent to
    the province (`ReportSubmission`), signed as it was frozen. A version frozen for signing
    and not sent yet is seen on its signing page only.
    """
    if kind == "report":
        obj = (
            ReportSubmission.objects.filter(agency=obj, year=year, period=half or 0)
            .exclude(status=SubmissionStatus.PREPARED)
            .order_by("-version")
            .first()
        )
    signed = latest(kind, obj)
    return rendered(signed) if signed is not None else None
