"""Intake actions: submit a petition, or record one received on paper or from the floor."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.log import record
from doithoai.audit.models import Verb
from doithoai.core import events
from doithoai.core.actionkit import (
    require,
    require_text,
    same_agency,
    snapshot,
    today,
)
from doithoai.core.attachments import check_upload
from doithoai.core.errors import InvalidTransition, PermissionRefused, ValidationFailed
from doithoai.core.text import fold
from doithoai.organizations.access import membership as membership_of
from doithoai.organizations.access import next_number
from doithoai.organizations.models import Agency, Delegation, DelegationKind

from ..models import (
    Attachment,
    Channel,
    Petition,
    Privacy,
    Status,
    SubmitterKind,
    Topic,
)

MAX_ATTACHMENTS = 10
TITLE_MAX = 250
CONTENT_MAX = 20000


# Receipt codes: "AN-" and 20 characters of Crockford's base32 (no I, L, O, U), i.e. 100
# random bits, 2**100 ≈ 1.3e30 codes. With a million anonymous petitions stored, one guess
# hits one with probability 1e6 / 1.3e30 ≈ 8e-25. The lookup page lets one address try
# at most ~65 codes an hour once its delay has grown (doithoai.core.views): a million
# addresses trying for ten years make ~6e12 tries and succeed with probability ~5e-12.
# Codes issued before (16 hex digits, 64 bits) keep working: normalising below never
# changes a hex code.
RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECEIPT_LENGTH = 20
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def normalize_receipt(code: str) -> str:
    """Normalise a typed receipt code: upper case, no spaces, O→0 and I/L→1."""
    return "".join(code.split()).upper().translate(_CONFUSABLE)


def hash_receipt(code: str) -> str:
    """Hash an anonymous receipt code the way it is stored."""
    return hashlib.sha256(normalize_receipt(code).encode()).hexdigest()


def _new_receipt_code() -> str:
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _i in range(RECEIPT_LENGTH))
    return "AN-" + "-".join(raw[i : i + 4] for i in range(0, RECEIPT_LENGTH, 4))


def _check_common(agency, title, content, topic, privacy, attachments):
    title = require_text(title, "title", _("tiêu đề"), max_length=TITLE_MAX)
    content = require_text(content, "content", _("nội dung kiến nghị"), max_length=CONTENT_MAX)
    if topic is not None:
        same_agency(topic, agency, "topic")
    if privacy not in Privacy.values:
        raise ValidationFailed(_("Chế độ danh tính không hợp lệ."), field="privacy")
    attachments = list(attachments or [])
    if len(attachments) > MAX_ATTACHMENTS:
        raise ValidationFailed(
            _("Tối đa %(n)s tệp đính kèm.") % {"n": MAX_ATTACHMENTS}, field="attachments"
        )
    digests = [check_upload(f) for f in attachments]
    if topic is not None and topic.confidential_by_default and privacy == Privacy.PUBLIC:
        privacy = Privacy.CONFIDENTIAL  # denunciations are confidential by default
    return title, content, privacy, list(zip(attachments, digests, strict=True))


def _create(agency, *, title, content, topic, privacy, channel, kind, files, status, **extra):
    now = timezone.now()
    year = timezone.localtime(now).year
    number = next_number(agency, "KN", year)
    petition = Petition.objects.create(
        agency=agency,
        year=year,
        number=number,
        code=f"KN-{year}-{number:04d}",
        title=title,
        content=content,
        search_text=fold(f"{title} {content}"),
        topic=topic,
        privacy=privacy,
        channel=channel,
        submitter_kind=kind,
        status=status,
        submitted_at=now,
        **extra,
    )
    for upload, digest in files:
        Attachment.objects.create(
            agency=agency,
            petition=petition,
            file=upload,
            original_name=upload.name[:255],
            size=upload.size,
            sha256=digest,
        )
    return petition


@transaction.atomic
def submit_petition(
    *,
    agency: Agency,
    title: str,
    content: str,
    by,
    topic: Topic | None = None,
    privacy: str = Privacy.PUBLIC,
    as_unit: bool = False,
    delegation: Delegation | None = None,
    attachments=(),
) -> Petition:
    """Submit a petition as oneself, for one's unit, or for a staff member who authorized us.

    An anonymous petition stores no identity at all, not even in the audit log; its
    receipt code is returned once on `petition.receipt_code` and stored hashed.
    """
    require("petitions.submit_petition", by, agency)
    title, content, privacy, files = _check_common(
        agency, title, content, topic, privacy, attachments
    )
    member = membership_of(by, agency)
    extra = {}
    kind = SubmitterKind.PERSON
    channel = Channel.WEB
    if delegation is not None:
        same_agency(delegation, agency, "delegation")
        if delegation.kind != DelegationKind.REPRESENTATIVE or delegation.grantee_id != by.pk:
            raise PermissionRefused(_("Bạn không phải người được ủy quyền này."))
        if not delegation.is_valid_on(today()):
            raise ValidationFailed(
                _("Ủy quyền đại diện đã hết hiệu lực hoặc đã bị thu hồi."), field="delegation"
            )
        if privacy == Privacy.ANONYMOUS:
            raise ValidationFailed(
                _("Kiến nghị qua người đại diện không thể ẩn danh."), field="privacy"
            )
        kind, channel = SubmitterKind.REPRESENTATIVE, Channel.REPRESENTATIVE
        extra = {"submitter_id": delegation.grantor_id, "delegation": delegation}
        grantor_member = membership_of(delegation.grantor, agency)
        submitter_unit = grantor_member.unit if grantor_member else None
    elif privacy == Privacy.ANONYMOUS:
        if as_unit:
            raise ValidationFailed(_("Kiến nghị của đơn vị không thể ẩn danh."), field="privacy")
        kind = SubmitterKind.ANONYMOUS
        submitter_unit = None
    elif as_unit:
        if member.unit is None:
            raise ValidationFailed(_("Bạn chưa thuộc đơn vị nào."), field="as_unit")
        kind = SubmitterKind.UNIT
        extra = {"submitter": by, "submitter_unit": member.unit}
        submitter_unit = member.unit
    else:
        extra = {"submitter": by}
        submitter_unit = member.unit
    # The concerned unit starts as the submitter's own only for a public petition: for a
    # confidential or anonymous one it would tell that unit who wrote it. The secretariat
    # sets it when receiving the petition.
    if privacy == Privacy.PUBLIC and submitter_unit is not None:
        extra["concerned_unit"] = submitter_unit
    receipt = None
    if kind == SubmitterKind.ANONYMOUS:
        receipt = _new_receipt_code()
        extra["receipt_hash"] = hash_receipt(receipt)
    petition = _create(
        agency,
        title=title,
        content=content,
        topic=topic,
        privacy=privacy,
        channel=channel,
        kind=kind,
        files=files,
        status=Status.SUBMITTED,
        **extra,
    )
    anonymous = privacy == Privacy.ANONYMOUS
    record(
        Verb.PETITION_SUBMITTED,
        petition,
        by=None if anonymous else by,
        actor_confidential=privacy == Privacy.CONFIDENTIAL,
        petition=petition,
        after=snapshot(petition, "code", "status", "channel", "privacy", "topic"),
    )
    petition.receipt_code = receipt
    return petition


@transaction.atomic
def record_petition(
    *,
    agency: Agency,
    title: str,
    content: str,
    channel: str,
    by,
    topic: Topic | None = None,
    privacy: str = Privacy.PUBLIC,
    submitter=None,
    submitter_name: str = "",
    submitter_unit=None,
    conference=None,
    attachments=(),
) -> Petition:
    """Record a petition received on paper, or raised from the floor of an open conference.

    From the floor, the conferences app decides who may record it
    (`conferences.record_floor_petition`) and puts it on the agenda (event
    "petition_scheduled").
    """
    if conference is not None:
        conference = type(conference).objects.select_for_update().get(pk=conference.pk)
    if channel == Channel.FLOOR and conference is not None:
        require("conferences.record_floor_petition", by, conference)
    else:
        require("petitions.record_petition", by, agency)
    if channel not in (Channel.PAPER, Channel.FLOOR):
        raise ValidationFailed(
            _("Chỉ ghi nhận kiến nghị bằng giấy hoặc tại hội nghị."), field="channel"
        )
    title, content, privacy, files = _check_common(
        agency, title, content, topic, privacy, attachments
    )
    for obj, field in ((submitter_unit, "submitter_unit"), (conference, "conference")):
        same_agency(obj, agency, field)
    if submitter is not None and membership_of(submitter, agency) is None:
        raise ValidationFailed(_("Người gửi không thuộc cơ quan."), field="submitter")
    if privacy == Privacy.ANONYMOUS:
        submitter, submitter_name, submitter_unit = None, "", None
    elif submitter is None and not submitter_name.strip() and submitter_unit is None:
        raise ValidationFailed(
            _("Nhập người gửi hoặc đơn vị gửi, hoặc chọn ẩn danh."), field="submitter_name"
        )
    status = Status.RECEIVED
    if channel == Channel.FLOOR:
        if conference is None:
            raise ValidationFailed(_("Chọn hội nghị đang diễn ra."), field="conference")
        if not conference.is_in_progress:
            raise InvalidTransition(
                _("Chỉ ghi kiến nghị tại hội nghị khi hội nghị đang diễn ra."), field="conference"
            )
        status = Status.SCHEDULED
    if submitter_unit is not None:
        kind = SubmitterKind.UNIT
    elif privacy == Privacy.ANONYMOUS:
        kind = SubmitterKind.ANONYMOUS
    else:
        kind = SubmitterKind.PERSON
    petition = _create(
        agency,
        title=title,
        content=content,
        topic=topic,
        privacy=privacy,
        channel=channel,
        kind=kind,
        files=files,
        status=status,
        submitter=submitter,
        submitter_name=submitter_name.strip(),
        submitter_unit=submitter_unit,
        received_by=by,
        received_at=timezone.now(),
        conference=conference if channel == Channel.FLOOR else None,
    )
    if channel == Channel.FLOOR:
        events.publish(
            "petition_scheduled", agency=agency, by=by, petition=petition, conference=conference
        )
    record(
        Verb.PETITION_RECORDED,
        petition,
        by=by,
        petition=petition,
        conference=conference,
        after=snapshot(petition, "code", "status", "channel", "privacy", "topic"),
    )
    return petition
