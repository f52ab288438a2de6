"""After the conference: draft, issue and publish the conclusion notice (rule 6)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.log import record
from doithoai.audit.models import Verb
from doithoai.core import events
from doithoai.core.actionkit import (
    allowed,
    move,
    require,
    require_state,
    require_text,
    today,
)
from doithoai.core.errors import InvalidTransition, ValidationFailed
from doithoai.deadlines import actions as deadlines
from doithoai.organizations.access import has_role, next_number
from doithoai.organizations.models import Role

from ..models import (
    CONFERENCE_TRANSITIONS,
    ConclusionNotice,
    Conference,
    ConferenceStatus,
    NoticeStatus,
    SignerAuthority,
)
from ._base import _lock, document_symbol

CLOSED = (ConferenceStatus.CLOSED,)


def can_draft_notice(user, conference) -> bool:
    """Tell whether `user` may draft the conclusion notice now."""
    return allowed(user, "conferences.draft_notice", conference, CLOSED)


def can_issue_notice(user, conference, notice) -> bool:
    """Tell whether `user` may issue the conclusion notice now (a draft exists)."""
    return (
        notice is not None
        and notice.status == NoticeStatus.DRAFT
        and allowed(user, "conferences.issue_notice", conference, CLOSED)
    )


@transaction.atomic
def draft_notice(*, conference: Conference, text: str, by) -> ConclusionNotice:
    """Draft (or redraft) the conclusion notice of a closed conference."""
    conference = _lock(conference)
    require("conferences.draft_notice", by, conference)
    require_state(conference, CLOSED)
    text = require_text(text, "text", _("nội dung thông báo kết luận"), max_length=50000)
    notice = ConclusionNotice.objects.filter(conference=conference).first()
    if notice is not None and notice.status == NoticeStatus.ISSUED:
        raise InvalidTransition(_("Thông báo kết luận đã ban hành."), field="notice")
    if notice is not None and notice.status == NoticeStatus.SIGNED:
        raise InvalidTransition(
            _("Thông báo kết luận đã được ký số; không sửa nội dung đã ký."), field="notice"
        )
    if notice is None:
        notice = ConclusionNotice(agency=conference.agency, conference=conference, drafted_by=by)
    notice.text = text
    notice.drafted_by = by
    notice.save()
    record(Verb.NOTICE_DRAFTED, notice, by=by, conference=conference, after={"text": text[:500]})
    return notice


def _number(notice, conference, by, issued_on, signer_authority) -> None:
    """Give the draft its number and date and record who signs it (not saved here)."""
    issued_on = issued_on or today()
    if issued_on < conference.held_date:
        raise ValidationFailed(
            _("Ngày ban hành không thể trước ngày tổ chức hội nghị (%(d)s).")
            % {"d": conference.held_date.strftime("%d/%m/%Y")},
            field="issued_on",
        )
    if issued_on > today():
        raise ValidationFailed(_("Ngày ban hành không thể ở tương lai."), field="issued_on")
    if signer_authority is None:
        signer_authority = "" if has_role(by, conference.agency, Role.HEAD) else SignerAuthority.KT
    number = next_number(conference.agency, "TB", issued_on.year)
    notice.year = issued_on.year
    notice.number = number
    notice.symbol = document_symbol(number, "TB", conference.agency)
    notice.issued_on = issued_on
    notice.signer = by
    notice.signer_authority = signer_authority


def _issue(notice, conference, by) -> ConclusionNotice:
    """Mark the numbered notice issued: the conference concluded, the units' clocks started."""
    notice.status = NoticeStatus.ISSUED
    notice.save()
    move(conference, ConferenceStatus.CONCLUDED, CONFERENCE_TRANSITIONS)
    conference.save()
    issued_on = notice.issued_on
    deadlines.complete_deadlines(subject=conference, kind="notice", by=by, on=issued_on)
    started = events.publish(
        "notice_issued", agency=conference.agency, by=by, notice=notice, conference=conference
    )
    deadlines.open_deadline(
        kind="publication",
        subject=notice,
        agency=conference.agency,
        start=issued_on,
        by=by,
        conference=conference,
    )
    record(
        Verb.NOTICE_ISSUED,
        notice,
        by=by,
        conference=conference,
        after={
            "symbol": notice.symbol,
            "issued_on": issued_on,
            "signer": notice.signer_id,
            "assignments": sum(started),
        },
    )
    return notice


def _draft_of(conference) -> ConclusionNotice:
    notice = ConclusionNotice.objects.select_for_update().filter(conference=conference).first()
    if notice is None:
        raise InvalidTransition(_("Chưa có dự thảo thông báo kết luận."), field="notice")
    if notice.status == NoticeStatus.SIGNED:
        raise InvalidTransition(
            _("Thông báo kết luận đã được ký số; văn thư ký số của cơ quan để ban hành."),
            field="notice",
        )
    if notice.status != NoticeStatus.DRAFT:
        raise InvalidTransition(_("Thông báo kết luận đã ban hành."), field="notice")
    return notice


@transaction.atomic
def issue_notice(
    *,
    conference: Conference,
    by,
    issued_on: datetime.date | None = None,
    signer_authority: str | None = None,
) -> ConclusionNotice:
    """Approve and issue the conclusion notice (signed on paper); the units' resolution clocks
    start on its date (the follow-up app starts them on the event "notice_issued")."""
    conference = _lock(conference)
    require("conferences.issue_notice", by, conference)
    require_state(conference, CLOSED)
    notice = _draft_of(conference)
    _number(notice, conference, by, issued_on, signer_authority)
    return _issue(notice, conference, by)


@transaction.atomic
def sign_notice(
    *,
    conference: Conference,
    by,
    issued_on: datetime.date | None = None,
    signer_authority: str | None = None,
) -> ConclusionNotice:
    """Number the draft the chair signs digitally; it is issued when the secretariat seals it.

    The signed PDF must show the number and date it is issued under, so they are given at the
    chair's signature; the text is frozen from then on. Called by the signing app.
    """
    conference = _lock(conference)
    require("conferences.issue_notice", by, conference)
    require_state(conference, CLOSED)
    notice = _draft_of(conference)
    _number(notice, conference, by, issued_on, signer_authority)
    notice.status = NoticeStatus.SIGNED
    notice.save()
    record(
        Verb.NOTICE_SIGNED,
        notice,
        by=by,
        conference=conference,
        before={"status": NoticeStatus.DRAFT},
        after={
            "status": NoticeStatus.SIGNED,
            "symbol": notice.symbol,
            "issued_on": notice.issued_on,
        },
    )
    return notice


@transaction.atomic
def release_notice(*, notice: ConclusionNotice, by) -> ConclusionNotice:
    """Issue the notice the chair signed, as the secretariat applies the agency's seal.

    Called by the signing app in the transaction that stores the sealed PDF.
    """
    conference = _lock(notice.conference)
    notice = ConclusionNotice.objects.select_for_update().get(pk=notice.pk)
    require("conferences.release_notice", by, conference)
    require_state(conference, CLOSED)
    if notice.status != NoticeStatus.SIGNED:
        raise InvalidTransition(
            _("Chỉ thông báo kết luận đã được người ký ký số mới được ban hành khi đóng dấu."),
            field="notice",
        )
    return _issue(notice, conference, by)


@transaction.atomic
def publish_notice(*, notice: ConclusionNotice, by) -> ConclusionNotice:
    """Post an issued conclusion notice for all staff; it stays posted (at least 20 days)."""
    notice = ConclusionNotice.objects.select_for_update().get(pk=notice.pk)
    require("conferences.publish_notice", by, notice)
    if notice.status != NoticeStatus.ISSUED:
        raise InvalidTransition(_("Thông báo kết luận chưa được ban hành."), field="notice")
    if notice.published_at is not None:
        raise InvalidTransition(_("Thông báo kết luận đã được công khai."), field="notice")
    notice.published_at = timezone.now()
    notice.save(update_fields=["published_at"])
    deadlines.complete_deadlines(subject=notice, kind="publication", by=by)
    record(
        Verb.NOTICE_PUBLISHED,
        notice,
        by=by,
        conference=notice.conference,
        after={"published_at": notice.published_at.isoformat(), "symbol": notice.symbol},
    )
    return notice
