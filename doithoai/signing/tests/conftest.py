"""Fixtures for the signing tests: a test PKI, a SoftHSM2 seal token, one PDF per document.

LibreOffice takes seconds per conversion, so converted PDFs are kept for the session, keyed by
the DOCX parts' contents: tests that build the same document (same names, same frozen day)
convert it once.
"""

import datetime
import hashlib
import io
import os
import shutil
import subprocess
import zipfile

import pytest
from django.core.files.base import ContentFile

from doithoai.conferences import actions as conf
from doithoai.documents import service
from doithoai.signing.models import AgencySeal, CertificateAttribute, SignerProfile
from doithoai.testing import factories

from .pki import PASSWORD, TestCA, seal_png, signature_png

SOFTHSM_MODULE = "/usr/lib/softhsm/libsofthsm2.so"
TOKEN_LABEL = "doithoai-seal"
KEY_LABEL = "con-dau"
PIN = "123456"
# The second agency's own token (Sở Nội vụ).
OTHER_TOKEN = "snv-seal"
OTHER_KEY = "con-dau-snv"
OTHER_PIN = "246810"
OTHER_SEAL_CN = "Sở Nội vụ tỉnh Hà Giang"

NAMES = {
    "head": "Nguyễn Minh Tuấn",
    "deputy": "La Tiên Sang",
    "deputy2": "Trần Văn Phó",
    "secretariat": "Hoàng Thị Văn Thư",
    "leader": "Vũ Đức Thắng",
    "other_leader": "Phạm Thị Lan",
    "staff": "Đặng Thu Trang",
    "staff2": "Lê Văn Bình",
    "inspector": "Ngô Thị Giám",
    "admin": "Quản Trị Viên",
}

seed_day = pytest.fixture(factories.seed_day)


def _docx_key(docx: bytes) -> str:
    digest = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        for name in sorted(archive.namelist()):
            if name == "docProps/core.xml":
                continue
            digest.update(name.encode())
            digest.update(archive.read(name))
    return digest.hexdigest()


@pytest.fixture(scope="session")
def pdf_cache():
    return {}


@pytest.fixture(autouse=True)
def _reuse_pdf(monkeypatch, pdf_cache):
    real = service.docx_to_pdf

    def convert(docx: bytes) -> bytes:
        key = _docx_key(docx)
        if key not in pdf_cache:
            pdf_cache[key] = real(docx)
        return pdf_cache[key]

    monkeypatch.setattr(service, "docx_to_pdf", convert)


# One PKI and one token per test session: SoftHSM2 reads its configuration once per process.
@pytest.fixture(scope="session")
def pki(tmp_path_factory):
    """A CA, PKCS#12 files for the head, the deputy and an impostor; the seal key and cert."""
    ca = TestCA()
    folder = tmp_path_factory.mktemp("pki")
    roots = folder / "roots.pem"
    roots.write_bytes(ca.pem())
    people = {
        "head": ca.pkcs12("Nguyễn Minh Tuấn", "CCCD:001000000001"),
        "deputy": ca.pkcs12("La Tiên Sang", "CCCD:001000000002"),
        "impostor": ca.pkcs12("La Tiên Sang", "CCCD:009999999999"),
        "other_head": ca.pkcs12("Trần Quốc Hùng", "CCCD:002000000001"),
    }
    rogue = TestCA("CA không được tin cậy").pkcs12("La Tiên Sang", "CCCD:001000000002")
    seal_key, seal_cert = ca.issue("Văn phòng UBND tỉnh Hà Giang")
    other_seal_key, other_seal_cert = ca.issue(OTHER_SEAL_CN)
    return {
        "ca": ca,
        "roots": str(roots),
        "people": people,
        "rogue": rogue,
        "seal_key": seal_key,
        "seal_cert": seal_cert,
        "other_seal_key": other_seal_key,
        "other_seal_cert": other_seal_cert,
        "other_seal_p12": ca.bundle(other_seal_key, other_seal_cert),
        "folder": folder,
    }


def _softhsm(*args) -> None:
    subprocess.run(["softhsm2-util", *args], check=True, capture_output=True, timeout=60)


def _import(folder, label, pin, key_label, key_pem, cert, key_id="01"):
    """Put a key and its certificate on an initialised SoftHSM2 token (as on a USB token)."""
    key_file = folder / f"{label}.pem"
    key_file.write_bytes(key_pem)
    _softhsm(
        "--import", str(key_file), "--token", label, "--label", key_label, "--id", key_id,
        "--pin", pin,
    )  # fmt: skip
    key_file.unlink()
    import pkcs11
    from cryptography.hazmat.primitives import serialization
    from pkcs11 import Attribute, CertificateType, ObjectClass

    token = pkcs11.lib(SOFTHSM_MODULE).get_token(token_label=label)
    with token.open(rw=True, user_pin=pin) as session:
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: key_label,
                Attribute.ID: bytes.fromhex(key_id),
                Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER),
                Attribute.SUBJECT: cert.subject.public_bytes(),
                Attribute.ISSUER: cert.issuer.public_bytes(),
            }
        )


@pytest.fixture(scope="session")
def softhsm(pki):
    """Two SoftHSM2 tokens: the installation's seal key (TOKEN_LABEL, KEY_LABEL) and a second
    agency's own (OTHER_TOKEN, OTHER_KEY, OTHER_PIN), each with its certificate."""
    if not os.path.exists(SOFTHSM_MODULE) or shutil.which("softhsm2-util") is None:
        pytest.fail("SoftHSM2 is not installed: run `make system-deps` (Debian softhsm2).")
    folder = pki["folder"] / "softhsm"
    (folder / "tokens").mkdir(parents=True)
    config = folder / "softhsm2.conf"
    config.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\n")
    os.environ["SOFTHSM2_CONF"] = str(config)
    ca = pki["ca"]
    # Both tokens exist before the library is first loaded: it lists tokens once.
    for label, pin in ((TOKEN_LABEL, PIN), (OTHER_TOKEN, OTHER_PIN)):
        _softhsm("--init-token", "--free", "--label", label, "--pin", pin, "--so-pin", "654321")
    _import(folder, TOKEN_LABEL, PIN, KEY_LABEL, ca.key_pem(pki["seal_key"]), pki["seal_cert"])
    _import(
        folder,
        OTHER_TOKEN,
        OTHER_PIN,
        OTHER_KEY,
        ca.key_pem(pki["other_seal_key"]),
        pki["other_seal_cert"],
    )
    return {"module": SOFTHSM_MODULE, "token": TOKEN_LABEL, "key": KEY_LABEL, "pin": PIN}


@pytest.fixture
def configured(settings, monkeypatch, pki, softhsm):
    """Point the installation at the test trust roots and the SoftHSM2 seal token."""
    settings.SIGNING_TRUST_ROOTS = pki["roots"]
    settings.SIGNING_TSA_URL = ""
    settings.SEAL_PKCS11_MODULE = softhsm["module"]
    settings.SEAL_PKCS11_TOKEN = softhsm["token"]
    settings.SEAL_PKCS11_KEY = softhsm["key"]
    settings.SEAL_PKCS11_SLOT = ""
    settings.SEAL_PKCS11_CERT = ""
    settings.SEAL_PKCS11_PIN_ENV = "DOITHOAI_SEAL_PIN"
    monkeypatch.setenv("DOITHOAI_SEAL_PIN", softhsm["pin"])
    return settings


def name_cast(cast) -> None:
    """Give the cast fixed names, so that the same document converts once per module."""
    for attr, full in NAMES.items():
        user = getattr(cast, attr)
        user.first_name, _sep, user.last_name = full.rpartition(" ")
        user.save(update_fields=["first_name", "last_name"])


def profile(user, uid: str, *, image: bool = True) -> SignerProfile:
    """Record a person's signature image and certificate UID (what the admin does)."""
    record = SignerProfile(
        user=user, certificate_attribute=CertificateAttribute.SUBJECT_UID, certificate_value=uid
    )
    if image:
        record.signature_image.save("chu-ky.png", ContentFile(signature_png()), save=False)
    record.save()
    return record


@pytest.fixture
def signing_world(cast, seed_day, configured):
    """The cast named, the head's and deputy's profiles, the agency's seal image (36 mm)."""
    name_cast(cast)
    profile(cast.head, "CCCD:001000000001")
    profile(cast.deputy, "CCCD:001000000002")
    seal = AgencySeal(agency=cast.agency, diameter_mm=36)
    seal.image.save("dau.png", ContentFile(seal_png()), save=False)
    seal.save()
    return cast


@pytest.fixture
def plan(signing_world):
    """The 2018 plan signed KT. by the deputy, issued 03/01/2018 (09/KH-…)."""
    cast = signing_world
    plan = conf.create_plan(
        agency=cast.agency,
        year=2018,
        by=cast.secretariat,
        signer=cast.deputy,
        signer_authority="KT.",
    )
    return conf.issue_plan(
        plan=plan, issued_on=datetime.date(2018, 1, 3), by=cast.secretariat, number=9
    )


def p12(pki, who):
    """Return (PKCS#12 bytes, password) of a test person."""
    return pki["people"][who][0], PASSWORD
