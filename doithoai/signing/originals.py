"""The signed original of a document, for `/van-ban/…pdf` (registered in documents.service)."""

from doithoai.documents import service
from doithoai.reports.models import ReportText

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


def signed_original(kind: str, obj, *, year=None, half=None) -> service.Rendered | None:
    """Return the latest signed PDF with headers naming its version, stage and SHA-256.

    For a report `obj` is the agency: the record signed is its period's frozen `ReportText`.
    """
    if kind == "report":
        obj = ReportText.objects.filter(
            agency=obj, year=year, period=half or 0, submitted_at__isnull=False
        ).first()
    signed = latest(kind, obj)
    if signed is None:
        return None
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
