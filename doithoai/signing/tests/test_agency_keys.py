"""Each agency seals with its own key (SoftHSM2 token or PKCS#12 file), never another's."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from doithoai.conferences import actions as conf
from doithoai.core.errors import PermissionRefused, ValidationFailed
from doithoai.organizations.models import Agency
from doithoai.signing import keys, pades, verification
from doithoai.signing.models import (
    AgencySeal,
    CertificateAttribute,
    KeyStore,
    Method,
    SealKey,
    SignedDocument,
)
from doithoai.testing.factories import Elsewhere

from .conftest import (
    KEY_LABEL,
    OTHER_KEY,
    OTHER_PIN,
    OTHER_SEAL_CN,
    OTHER_TOKEN,
    PIN,
    SOFTHSM_MODULE,
    TOKEN_LABEL,
    profile,
)
from .helpers import seal, sign_as
from .pki import PASSWORD, seal_png

OWN_CN = "Văn phòng UBND tỉnh Hà Giang"


@pytest.fixture
def two_agencies(signing_world, pki, settings, monkeypatch):
    """The cast's agency and the Sở Nội vụ, each with its plan signed by its person, each with
    its own token; the installation has no seal key of its own."""
    cast = signing_world
    settings.SEAL_PKCS11_MODULE = ""
    settings.SEAL_PKCS12 = ""
    settings.SIGNING_PKCS11_MODULES = [SOFTHSM_MODULE]
    monkeypatch.setenv("DOITHOAI_SEAL_PIN_VP", PIN)
    monkeypatch.setenv("DOITHOAI_SEAL_PIN_SNV", OTHER_PIN)
    other = Elsewhere()
    Agency.objects.filter(pk=other.agency.pk).update(code="SNV")
    other.agency.refresh_from_db()
    other.head.first_name, other.head.last_name = "Trần Quốc", "Hùng"
    other.head.save()
    profile(other.head, "CCCD:002000000001")
    stamp = AgencySeal(agency=other.agency, diameter_mm=34)
    stamp.image.save("dau-snv.png", ContentFile(seal_png()), save=False)
    stamp.save()
    own = _token_key(cast.agency, TOKEN_LABEL, KEY_LABEL, "DOITHOAI_SEAL_PIN_VP", OWN_CN)
    theirs = _token_key(
        other.agency, OTHER_TOKEN, OTHER_KEY, "DOITHOAI_SEAL_PIN_SNV", OTHER_SEAL_CN
    )
    plans = {}
    for agency, by, signer, authority in (
        (cast.agency, cast.secretariat, cast.deputy, "KT."),
        (other.agency, other.secretariat, other.head, ""),
    ):
        plan = conf.create_plan(
            agency=agency, year=2018, by=by, signer=signer, signer_authority=authority
        )
        plans[agency.pk] = conf.issue_plan(
            plan=plan, issued_on=datetime.date(2018, 1, 3), by=by, number=9
        )
    return cast, other, plans, own, theirs


def _token_key(agency, token, key, secret, cn) -> SealKey:
    config = SealKey(
        agency=agency,
        store=KeyStore.PKCS11,
        pkcs11_module=SOFTHSM_MODULE,
        token_label=token,
        key_label=key,
        secret_name=secret,
        certificate_attribute=CertificateAttribute.COMMON_NAME,
        certificate_value=cn,
    )
    config.full_clean()
    config.save()
    return config


def _signed(pki, who_user, plan, who):
    return sign_as(pki, who_user, "plan", plan, who=who)


def test_each_agency_seals_with_its_own_token(two_agencies, pki):
    cast, other, plans, _own, _theirs = two_agencies
    _signed(pki, cast.deputy, plans[cast.agency.pk], "deputy")
    _signed(pki, other.head, plans[other.agency.pk], "other_head")
    ours = seal(cast.secretariat, "plan", plans[cast.agency.pk])
    theirs = seal(other.secretariat, "plan", plans[other.agency.pk])
    assert ours.method == theirs.method == Method.PKCS11
    assert OWN_CN in ours.certificate_subject and OTHER_SEAL_CN not in ours.certificate_subject
    assert OTHER_SEAL_CN in theirs.certificate_subject
    seals = [verification.verify(s.content())[-1] for s in (ours, theirs)]
    assert [r.ok for r in seals] == [True, True]
    assert OWN_CN in seals[0].signer and OTHER_SEAL_CN in seals[1].signer


def test_one_agencys_secretariat_cannot_use_the_others_key(two_agencies, pki, monkeypatch):
    cast, other, plans, _own, _theirs = two_agencies
    theirs = plans[other.agency.pk]
    _signed(pki, other.head, theirs, "other_head")
    opened = []
    real_open = pades.open_pkcs11
    monkeypatch.setattr(pades, "open_pkcs11", lambda c: opened.append(c) or real_open(c))
    with pytest.raises(PermissionRefused):
        seal(cast.secretariat, "plan", theirs)
    assert opened == []  # refused before any token was opened
    assert SignedDocument.objects.filter(stage="sealed").count() == 0


def test_the_page_refuses_the_other_agencys_secretariat(two_agencies, pki, client):
    cast, other, plans, _own, _theirs = two_agencies
    theirs = plans[other.agency.pk]
    _signed(pki, other.head, theirs, "other_head")
    client.force_login(cast.secretariat)
    response = client.post(reverse("signing:seal", args=["ke-hoach", theirs.pk]))
    assert response.status_code == 403
    assert not SignedDocument.objects.filter(stage="sealed").exists()
    client.force_login(other.secretariat)
    response = client.post(reverse("signing:seal", args=["ke-hoach", theirs.pk]))
    assert response.status_code == 302
    sealed = SignedDocument.objects.get(stage="sealed")
    assert OTHER_SEAL_CN in sealed.certificate_subject


def test_a_key_whose_certificate_is_not_the_agencys_is_refused(two_agencies, pki):
    """A configuration pointing at another agency's token is caught by the certificate."""
    cast, _other, plans, own, _theirs = two_agencies
    SealKey.objects.filter(pk=own.pk).update(
        token_label=OTHER_TOKEN, key_label=OTHER_KEY, secret_name="DOITHOAI_SEAL_PIN_SNV"
    )
    ours = plans[cast.agency.pk]
    _signed(pki, cast.deputy, ours, "deputy")
    with pytest.raises(ValidationFailed) as refused:
        seal(cast.secretariat, "plan", ours)
    assert "CN" in str(refused.value.message)
    assert not SignedDocument.objects.filter(stage="sealed").exists()


def test_the_pin_is_read_from_the_named_secret(two_agencies, pki, monkeypatch, settings, tmp_path):
    cast, _other, plans, _own, _theirs = two_agencies
    assert not {"pin", "password", "secret"} & {f.name for f in SealKey._meta.get_fields()}
    ours = plans[cast.agency.pk]
    _signed(pki, cast.deputy, ours, "deputy")
    monkeypatch.delenv("DOITHOAI_SEAL_PIN_VP")
    with pytest.raises(ValidationFailed) as refused:
        seal(cast.secretariat, "plan", ours)
    assert "DOITHOAI_SEAL_PIN_VP" in str(refused.value.message)
    # A file of that name in the secrets folder (Docker/systemd secrets) is read instead.
    (tmp_path / "DOITHOAI_SEAL_PIN_VP").write_text(PIN + "\n")
    settings.SIGNING_SECRETS_DIR = str(tmp_path)
    assert OWN_CN in seal(cast.secretariat, "plan", ours).certificate_subject


def test_secret_names_are_checked(two_agencies):
    cast, _other, _plans, own, _theirs = two_agencies
    for name in ("SECRET_KEY", "DATABASE_URL", "doithoai_seal_pin", "DOITHOAI_SEAL_"):
        own.secret_name = name
        with pytest.raises(ValidationError):
            own.full_clean()
        with pytest.raises(ValidationFailed):
            keys.secret(name)


def test_only_allowed_libraries_are_loaded(two_agencies, pki, settings):
    cast, _other, plans, own, _theirs = two_agencies
    settings.SIGNING_PKCS11_MODULES = []
    ours = plans[cast.agency.pk]
    _signed(pki, cast.deputy, ours, "deputy")
    with pytest.raises(ValidationFailed):
        seal(cast.secretariat, "plan", ours)
    assert not SignedDocument.objects.filter(stage="sealed").exists()


def test_an_agency_pkcs12_key_inside_the_keys_folder(
    two_agencies, pki, settings, tmp_path, monkeypatch
):
    cast, other, plans, _own, theirs = two_agencies
    folder = tmp_path / "keys"
    folder.mkdir()
    (folder / "snv.p12").write_bytes(pki["other_seal_p12"])
    outside = tmp_path / "snv.p12"
    outside.write_bytes(pki["other_seal_p12"])
    settings.SEAL_KEYS_DIR = str(folder)
    SealKey.objects.filter(pk=theirs.pk).update(
        store=KeyStore.PKCS12, pkcs11_module="", pkcs12_file=str(outside)
    )
    plan = plans[other.agency.pk]
    _signed(pki, other.head, plan, "other_head")
    with pytest.raises(ValidationFailed):  # outside the keys folder
        seal(other.secretariat, "plan", plan)
    SealKey.objects.filter(pk=theirs.pk).update(pkcs12_file=str(folder / "snv.p12"))
    monkeypatch.setenv("DOITHOAI_SEAL_PIN_SNV", PASSWORD)
    sealed = seal(other.secretariat, "plan", plan)
    assert sealed.method == Method.PKCS12 and OTHER_SEAL_CN in sealed.certificate_subject


def test_without_its_own_key_an_agency_uses_the_installations(two_agencies, pki, configured):
    cast, _other, plans, own, _theirs = two_agencies
    SealKey.objects.filter(pk=own.pk).delete()
    configured.SEAL_PKCS11_MODULE = SOFTHSM_MODULE  # the installation's token (VP's key)
    ours = plans[cast.agency.pk]
    _signed(pki, cast.deputy, ours, "deputy")
    assert OWN_CN in seal(cast.secretariat, "plan", ours).certificate_subject


def test_only_a_superuser_records_a_seal_key_and_only_allowed_libraries(cast, client, settings):
    from django.contrib.auth import get_user_model

    settings.SIGNING_PKCS11_MODULES = [SOFTHSM_MODULE]
    url = reverse("admin:signing_sealkey_add")
    data = {
        "agency": cast.agency.pk,
        "store": KeyStore.PKCS11,
        "pkcs11_module": "/tmp/evil.so",
        "token_label": TOKEN_LABEL,
        "key_label": KEY_LABEL,
        "secret_name": "DOITHOAI_SEAL_PIN_VP",
        "certificate_attribute": CertificateAttribute.COMMON_NAME,
        "certificate_value": OWN_CN,
    }
    staff = cast.admin  # the agency's administrator, even with admin-site access
    staff.is_staff = True
    staff.save()
    client.force_login(staff)
    assert client.get(url).status_code == 403
    assert client.post(url, {**data, "pkcs11_module": SOFTHSM_MODULE}).status_code == 403
    root = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client.force_login(root)
    response = client.post(url, data)
    assert response.status_code == 200 and not SealKey.objects.exists()
    response = client.post(url, {**data, "pkcs11_module": SOFTHSM_MODULE})
    assert response.status_code == 302
    assert SealKey.objects.get().pkcs11_module == SOFTHSM_MODULE
