"""External signing: doithoai prepares the field, another tool (pyHanko here) signs, upload."""

import io

import pytest
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers

from doithoai.audit.models import Verb
from doithoai.core.errors import InvalidTransition, PermissionRefused, ValidationFailed
from doithoai.documents import service
from doithoai.signing import actions, pades, verification
from doithoai.signing.models import ExternalRequest, Method, SignedDocument

from .helpers import audit_after, seal, sha
from .pki import PASSWORD


def other_tool(pdf: bytes, p12: bytes, field_name: str, *, tamper=None) -> bytes:
    """Sign `pdf` in its existing field, as a person's own signing software would."""
    signer = signers.SimpleSigner.load_pkcs12_data(p12, None, passphrase=PASSWORD.encode())
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    if tamper is not None:
        tamper(writer)
    meta = signers.PdfSignatureMetadata(field_name=field_name, md_algorithm="sha256")
    return signers.sign_pdf(writer, meta, signer=signer, existing_fields_only=True).getvalue()


@pytest.fixture
def prepared(plan):
    return actions.prepare_external(kind="plan", obj=plan, by=plan.signer)


def test_round_trip_prepare_sign_elsewhere_upload_accept(plan, pki, prepared):
    content = prepared.content()
    assert prepared.sha256 == sha(content)
    assert audit_after(Verb.SIGNATURE_PREPARED)["sha256"] == prepared.sha256
    signed_elsewhere = other_tool(content, pki["people"]["deputy"][0], prepared.field_name)
    signed = actions.accept_external(request=prepared, content=signed_elsewhere, by=plan.signer)
    assert (signed.version, signed.method) == (1, Method.EXTERNAL)
    assert signed.content() == signed_elsewhere  # served exactly as signed
    prepared.refresh_from_db()
    assert prepared.accepted == signed
    (report,) = verification.verify(signed.content())
    assert report.ok and report.placement == "signature"
    # The secretariat seals over the externally signed version.
    cast_secretariat = _secretariat(plan)
    sealed = seal(cast_secretariat, "plan", plan)
    assert [r.placement for r in verification.verify(sealed.content())] == ["signature", "seal"]
    with pytest.raises(InvalidTransition):
        actions.accept_external(request=prepared, content=signed_elsewhere, by=plan.signer)


def _secretariat(plan):
    from doithoai.organizations.models import Membership, Role

    return Membership.objects.filter(agency=plan.agency, roles__role=Role.SECRETARIAT)[0].user


def _refused(prepared, content, by, field="file"):
    with pytest.raises(ValidationFailed) as refused:
        actions.accept_external(request=prepared, content=content, by=by)
    assert refused.value.field == field
    assert not SignedDocument.objects.exists()
    return refused.value


def test_a_signature_over_a_different_document_is_refused(plan, pki, prepared):
    other = service.render("plan", plan, "pdf").content  # the document without the field
    writer = IncrementalPdfFileWriter(io.BytesIO(other), strict=False)
    meta = signers.PdfSignatureMetadata(field_name=prepared.field_name)
    signer = pades.pkcs12_signer(pki["people"]["deputy"][0], PASSWORD)
    different = signers.sign_pdf(writer, meta, signer=signer).getvalue()
    assert "khác bản gốc" in str(_refused(prepared, different, plan.signer).message)


def test_changes_beside_the_signature_are_refused(plan, pki, prepared):
    def retitle(writer):
        writer.root[pdf_name("/Lang")] = pdf_name("/en")
        writer.update_root()

    changed = other_tool(
        prepared.content(), pki["people"]["deputy"][0], prepared.field_name, tamper=retitle
    )
    assert "ngoài ô chữ ký" in str(_refused(prepared, changed, plan.signer).message)


def test_a_revision_after_the_signature_is_refused(plan, pki, prepared):
    signed = other_tool(prepared.content(), pki["people"]["deputy"][0], prepared.field_name)
    writer = IncrementalPdfFileWriter(io.BytesIO(signed), strict=False)
    writer.root[pdf_name("/Lang")] = pdf_name("/en")
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    assert "thêm thay đổi" in str(_refused(prepared, out.getvalue(), plan.signer).message)


def test_the_wrong_persons_certificate_is_refused(plan, pki, prepared):
    wrong = other_tool(prepared.content(), pki["people"]["impostor"][0], prepared.field_name)
    error = _refused(prepared, wrong, plan.signer, field="certificate")
    assert "UID" in str(error.message)


def test_an_untrusted_certificate_is_refused(plan, pki, prepared):
    rogue = other_tool(prepared.content(), pki["rogue"][0], prepared.field_name)
    assert "tin cậy" in str(_refused(prepared, rogue, plan.signer).message)


def test_only_the_person_prepared_for_uploads(plan, pki, prepared):
    from doithoai.organizations.models import Membership, Role

    head = Membership.objects.filter(agency=plan.agency, roles__role=Role.HEAD)[0].user
    signed = other_tool(prepared.content(), pki["people"]["deputy"][0], prepared.field_name)
    with pytest.raises(PermissionRefused):
        actions.accept_external(request=prepared, content=signed, by=head)
    with pytest.raises(PermissionRefused):
        actions.prepare_external(kind="plan", obj=plan, by=head)
    assert ExternalRequest.objects.count() == 1
