"""A document as something to sign: its record, agency, signature blocks and the stored versions."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from doithoai.conferences.models import ConclusionNotice, Conference, NoticeStatus
from doithoai.core.errors import ValidationFailed
from doithoai.documents import service
from doithoai.documents.decree30 import Signature

from .models import SignedDocument

# Documents built from one record (the periodic report is built from a period, not a record).
KINDS = ("plan", "invitation", "compilation", "minutes", "notice")
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
    return service.load(kind, pk)


def signable(kind: str, obj, user=None) -> Signable:
    """Build the document (DOCX only) to read its signature blocks; pick the one naming `user`."""
    check_kind(kind)
    blocks = [b for b in service.build(kind, obj).signatures if b.user is not None and b.name]
    block = None
    if user is not None:
        block = next((b for b in blocks if b.user.pk == user.pk), None)
    return Signable(kind, obj, blocks, block)
