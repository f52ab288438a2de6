"""A document as something to sign: its record, agency, signature blocks and the stored versions."""

from dataclasses import dataclass

import rules
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from doithoai.conferences.models import ConclusionNotice, Conference, NoticeStatus
from doithoai.core.errors import PermissionRefused, ValidationFailed
from doithoai.documents import service
from doithoai.documents.blocks import Signature
from doithoai.documents.views import URL_KINDS
from doithoai.reports.models import ReportSubmission, SubmissionStatus

from .models import SignedDocument

# Documents built from one record. A periodic report's record is one version for the province
# (`ReportSubmission`): its DOCX and signature block frozen once, signed as they were frozen.
KINDS = ("plan", "invitation", "compilation", "minutes", "notice", "report")
# The slugs of the signing pages (those of `/van-ban/`, and the report's).
SLUG_KINDS = {**URL_KINDS, "bao-cao": "report"}
KIND_SLUGS = {kind: slug for slug, kind in SLUG_KINDS.items()}
AUTHORITY_PREFIXES = ("KT.", "TM.", "TL.", "TUQ.", "Q.")


@dataclass
class Signable:
    """A document of `kind` built from `obj`, with the block that names one person."""

    kind: str
    obj: object
    blocks: list[Signature]
    block: Signature | None = None

    @property
    def agency(self):
        return self.obj.agency

    @property
    def conference(self):
        if isinstance(self.obj, Conference):
            return self.obj
        if isinstance(self.obj, ConclusionNotice):
            return self.obj.conference
        return None

    @property
    def authority(self) -> str:
        """Return the block's authority form: KT., TM., TL., TUQ., Q., HEAD or ''."""
        if self.block is None or not self.block.lines:
            return ""
        first = self.block.lines[0].strip().upper()
        for prefix in AUTHORITY_PREFIXES:
            if first.startswith(prefix + " "):
                return prefix
        if first == self.agency.head_title.upper():
            return "HEAD"
        return ""

    @property
    def is_draft_notice(self) -> bool:
        return isinstance(self.obj, ConclusionNotice) and self.obj.status == NoticeStatus.DRAFT

    def versions(self):
        return SignedDocument.objects.filter(kind=self.kind, object_id=self.obj.pk).order_by(
            "version"
        )

    def latest(self) -> SignedDocument | None:
        return self.versions().last()


def check_kind(kind: str) -> None:
    """Refuse a kind of document that is not signed here."""
    if kind not in KINDS:
        raise ValidationFailed(
            _("Loại văn bản không ký số được: %(kind)s.") % {"kind": kind}, field="kind"
        )


def load(kind: str, pk):
    """Return the record the document of `kind` is built from."""
    check_kind(kind)
    if kind == "report":
        return ReportSubmission.objects.select_related("agency").get(pk=pk)
    return service.load(kind, pk)


def _source(kind: str, obj) -> tuple[object, dict]:
    """Return what `documents.service` checks the document against (a report: its agency)."""
    if kind == "report":
        return obj.agency, {"year": obj.year, "half": obj.period or None}
    return obj, {}


def check(user, kind: str, obj) -> None:
    """Refuse unless `user` may read the document (as its download does).

    A report version frozen for signing is the agency's own until its seal sends it.
    """
    source, extra = _source(kind, obj)
    service.check(user, kind, source)
    if kind == "report" and not rules.has_perm("reports.view_submission", user, obj):
        raise PermissionRefused()


def build(kind: str, obj):
    """Build the document (DOCX model) of `kind` for the record `obj` (not a report version:
    its document is frozen; see `report_blocks`)."""
    source, extra = _source(kind, obj)
    return service.build(kind, source, **extra)


def number_symbol(kind: str, obj) -> str:
    """Return the document's number and symbol line (for the seal's text block)."""
    if kind == "report":
        return obj.signature.get("number_symbol", "")
    return build(kind, obj).header.number_symbol


def render_pdf(kind: str, obj) -> bytes:
    """Render the document to PDF (the base of its first signature).

    A report version is converted from the DOCX frozen in it, never rebuilt from live data.
    """
    if kind == "report":
        if not obj.document:
            raise ValidationFailed(_("Báo cáo chưa có văn bản đã chốt."), field="kind")
        return service.docx_to_pdf(bytes(obj.document))
    source, extra = _source(kind, obj)
    return service.render(kind, source, "pdf", **extra).content


def report_blocks(submission) -> list[Signature]:
    """Return the signature block a report version printed when it was frozen."""
    block = submission.signature or {}
    user = get_user_model().objects.filter(pk=block.get("user")).first()
    if user is None or not block.get("name"):
        return []
    return [Signature(lines=list(block.get("lines", [])), name=block["name"], user=user)]


def is_prepared_report(obj) -> bool:
    """Tell whether `obj` is a report version frozen for signing and not sent yet."""
    return (
        isinstance(obj, ReportSubmission)
        and ReportSubmission.objects.filter(pk=obj.pk, status=SubmissionStatus.PREPARED).exists()
    )


def signable(kind: str, obj, user=None) -> Signable:
    """Read the document's signature blocks (building its DOCX model, or a report version's
    frozen block); pick the one naming `user`."""
    check_kind(kind)
    if kind == "report":
        blocks = report_blocks(obj)
    else:
        blocks = [b for b in build(kind, obj).signatures if b.user is not None and b.name]
    block = None
    if user is not None:
        block = next((b for b in blocks if b.user.pk == user.pk), None)
    return Signable(kind, obj, blocks, block)
