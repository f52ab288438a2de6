"""Sign as the named person, seal with the SoftHSM2 token, verify, tamper, refuse."""

import pytest

from doithoai.audit.models import Verb
from doithoai.conferences import actions as conf
from doithoai.core.errors import InvalidTransition, PermissionRefused, ValidationFailed
from doithoai.signing import verification
from doithoai.signing.models import ImmutableError, Method, SignedDocument, Stage

from .helpers import audit_after, seal, sha, sign_as


def test_deputy_signs_kt_then_secretariat_seals_and_both_verify(plan, pki):
    deputy, secretariat = plan.signer, _secretariat(plan)
    signed = sign_as(pki, deputy, "plan", plan)
    assert (signed.version, signed.stage, signed.method) == (1, Stage.SIGNED, Method.PKCS12)
    assert signed.sha256 == sha(signed.content())
    assert signed.authority == "KT. CHÁNH VĂN PHÒNG / Phó Chánh Văn phòng"
    after = audit_after(Verb.DOCUMENT_SIGNED)
    assert after["sha256"] == signed.sha256 and after["version"] == 1

    sealed = seal(secretariat, "plan", plan)
    assert (sealed.version, sealed.stage, sealed.method) == (2, Stage.SEALED, Method.PKCS11)
    assert sealed.seal_applied
    assert audit_after(Verb.DOCUMENT_SEALED)["sha256"] == sha(sealed.content())
    # The seal is an incremental update: the person's signed bytes are kept as they were.
    assert sealed.content().startswith(signed.content())

    reports = verification.verify(sealed.content())
    assert [r.ok for r in reports] == [True, True]
    assert [r.placement for r in reports] == ["signature", "seal"]
    assert "La Tiên Sang" in reports[0].signer
    assert "Văn phòng UBND tỉnh Hà Giang" in reports[1].signer
    assert reports[0].modified_after == "form_filling"  # only the seal came after
    assert reports[1].modified_after == "none" and reports[1].covers_whole_file


def _secretariat(plan):
    from doithoai.organizations.models import Membership, Role

    return Membership.objects.filter(agency=plan.agency, roles__role=Role.SECRETARIAT).first().user


def test_a_changed_byte_fails_verification(plan, pki):
    signed = sign_as(pki, plan.signer, "plan", plan).content()
    assert all(r.ok for r in verification.verify(signed))
    at = signed.index(b"/Producer") + 12  # inside the signed byte range, not in a stream
    tampered = signed[:at] + bytes([signed[at] ^ 0x01]) + signed[at + 1 :]
    try:
        reports = verification.verify(tampered)
    except ValidationFailed:
        return
    assert reports and not any(r.ok for r in reports)
    assert not reports[0].intact


def test_only_the_person_named_in_the_block_signs(plan, pki):
    cast = _cast_of(plan)
    for user in (cast.head, cast.deputy2, cast.staff, cast.inspector, cast.secretariat):
        with pytest.raises(PermissionRefused):
            sign_as(pki, user, "plan", plan, who="head")
    assert not SignedDocument.objects.exists()


def _cast_of(plan):
    from doithoai.organizations.models import Membership

    users = {m.user.username: m.user for m in Membership.objects.filter(agency=plan.agency)}

    class C:
        head = users["head"]
        deputy = users["deputy"]
        deputy2 = users["deputy2"]
        staff = users["staff"]
        inspector = users["inspector"]
        secretariat = users["sec"]
        leader = users["leader"]

    return C


def test_kt_needs_a_deputy(signing_world, pki):
    """A block that says KT. may only be signed by a deputy, even by the person it names."""
    cast = signing_world
    from .conftest import profile

    profile(cast.leader, "CCCD:001000000002")
    plan = conf.create_plan(
        agency=cast.agency,
        year=2019,
        by=cast.secretariat,
        signer=cast.leader,
        signer_authority="KT.",
    )
    with pytest.raises(PermissionRefused):
        sign_as(pki, cast.leader, "plan", plan)


def test_another_persons_certificate_is_refused(plan, pki):
    with pytest.raises(ValidationFailed) as refused:
        sign_as(pki, plan.signer, "plan", plan, who="impostor")
    assert refused.value.field == "certificate"
    assert not SignedDocument.objects.exists()


def test_seal_only_by_the_secretariat_after_the_signature(plan, pki):
    cast = _cast_of(plan)
    with pytest.raises(InvalidTransition):
        seal(cast.secretariat, "plan", plan)
    sign_as(pki, cast.deputy, "plan", plan)
    for user in (cast.head, cast.deputy, cast.inspector, cast.staff):
        with pytest.raises(PermissionRefused):
            seal(user, "plan", plan)
    assert seal(cast.secretariat, "plan", plan).stage == Stage.SEALED
    with pytest.raises(InvalidTransition):
        seal(cast.secretariat, "plan", plan)


def test_a_stored_signature_never_changes(plan, pki):
    cast = _cast_of(plan)
    signed = sign_as(pki, cast.deputy, "plan", plan)
    with pytest.raises(InvalidTransition):
        sign_as(pki, cast.deputy, "plan", plan)  # signed once
    with pytest.raises(ImmutableError):
        signed.save()
    with pytest.raises(ImmutableError):
        signed.delete()
    seal(cast.secretariat, "plan", plan)
    with pytest.raises(InvalidTransition):
        sign_as(pki, cast.deputy, "plan", plan)
