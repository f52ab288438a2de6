"""The conclusion notice is issued when it is signed AND sealed, not at the chair's signature."""

import pytest

from doithoai.audit.models import AuditEvent, Verb
from doithoai.conferences import actions as conf
from doithoai.conferences.models import ConferenceStatus, NoticeStatus
from doithoai.core.errors import InvalidTransition, PermissionRefused, ValidationFailed
from doithoai.deadlines.models import Deadline
from doithoai.signing import placement, verification
from doithoai.signing.models import AgencySeal, SignedDocument
from doithoai.testing.factories import conference_in

from .helpers import audit_after, seal, sign_as


@pytest.fixture
def draft(signing_world):
    cast = signing_world
    conference = conference_in(cast, ConferenceStatus.CLOSED)
    return conf.draft_notice(conference=conference, text="Kết luận hội nghị.", by=cast.secretariat)


def _issued_events():
    return AuditEvent.objects.filter(verb=Verb.NOTICE_ISSUED)


def test_the_chairs_signature_numbers_the_notice_and_the_seal_issues_it(draft, pki, cast):
    notice, conference = draft, draft.conference
    with pytest.raises(PermissionRefused):  # the secretariat drafts; the chair signs
        sign_as(pki, cast.secretariat, "notice", notice, who="head")

    signed = sign_as(pki, cast.head, "notice", notice, who="head")
    notice.refresh_from_db()
    conference.refresh_from_db()
    # Signed and numbered (the PDF shows its number), but not issued before the seal.
    assert notice.status == NoticeStatus.SIGNED
    assert notice.symbol and notice.signer == cast.head and notice.issued_on
    assert conference.status == ConferenceStatus.CLOSED
    assert not _issued_events().exists()
    assert not Deadline.objects.filter(
        kind="publication", content_type__model="conclusionnotice"
    ).exists()
    assert audit_after(Verb.NOTICE_SIGNED)["symbol"] == notice.symbol
    text = "".join(
        s.text for page in placement.pages(signed.content()) for s in placement.segments(page)
    )
    assert placement.fold(f"Số: {notice.symbol}") in text
    # The signed text is frozen: no redraft, no second numbering on paper.
    with pytest.raises(InvalidTransition):
        conf.draft_notice(conference=conference, text="Sửa sau khi ký.", by=cast.secretariat)
    with pytest.raises(InvalidTransition):
        conf.issue_notice(conference=conference, by=cast.head)
    with pytest.raises(InvalidTransition):
        conf.publish_notice(notice=notice, by=cast.secretariat)
    # Only the secretariat's seal issues it.
    with pytest.raises(PermissionRefused):
        conf.release_notice(notice=notice, by=cast.head)

    sealed = seal(cast.secretariat, "notice", notice)
    notice.refresh_from_db()
    conference.refresh_from_db()
    assert notice.status == NoticeStatus.ISSUED
    assert conference.status == ConferenceStatus.CONCLUDED
    event = _issued_events().get()
    assert event.actor == cast.secretariat
    assert event.after["symbol"] == notice.symbol
    assert (
        Deadline.objects.filter(kind="publication", content_type__model="conclusionnotice").count()
        == 1
    )
    assert [r.placement for r in verification.verify(sealed.content())] == ["signature", "seal"]
    conf.publish_notice(notice=notice, by=cast.secretariat)


def test_a_refused_seal_leaves_the_notice_signed_not_issued(draft, pki, cast, settings):
    sign_as(pki, cast.head, "notice", draft, who="head")
    settings.SEAL_PKCS11_MODULE = "/nonexistent/libpkcs11.so"
    with pytest.raises(ValidationFailed):
        seal(cast.secretariat, "notice", draft)
    draft.refresh_from_db()
    assert draft.status == NoticeStatus.SIGNED
    assert not _issued_events().exists()
    assert SignedDocument.objects.count() == 1


def test_a_notice_is_not_signed_where_the_agency_cannot_seal(draft, pki, cast, settings):
    """Without a seal the signed notice could never be issued: sign on paper instead."""
    AgencySeal.objects.filter(agency=cast.agency).delete()
    with pytest.raises(ValidationFailed) as refused:
        sign_as(pki, cast.head, "notice", draft, who="head")
    assert refused.value.field == "seal"
    draft.refresh_from_db()
    assert draft.status == NoticeStatus.DRAFT and not draft.symbol
    assert not SignedDocument.objects.exists()
    # The paper way is still open: the chair issues the notice on the conference page.
    assert conf.issue_notice(conference=draft.conference, by=cast.head).status == "issued"


def test_a_notice_is_not_signed_where_no_seal_key_is_configured(draft, pki, cast, settings):
    settings.SEAL_PKCS11_MODULE = ""
    settings.SEAL_PKCS12 = ""
    with pytest.raises(ValidationFailed) as refused:
        sign_as(pki, cast.head, "notice", draft, who="head")
    assert refused.value.field == "seal"
    assert not SignedDocument.objects.exists()
