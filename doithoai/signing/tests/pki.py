"""A throw-away PKI for the tests: a root CA and signer certificates made with `cryptography`."""

import datetime
import io

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from PIL import Image, ImageDraw

PASSWORD = "mat-khau-ky-so"
# Fixed validity around the frozen test days (2018) and today.
VALID_FROM = datetime.datetime(2010, 1, 1, tzinfo=datetime.UTC)
VALID_TO = datetime.datetime(2045, 1, 1, tzinfo=datetime.UTC)


def _key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(cn: str, uid: str = "", org: str = "Ban Cơ yếu Chính phủ (thử nghiệm)"):
    parts = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
        x509.NameAttribute(NameOID.COMMON_NAME, cn),
    ]
    if uid:
        parts.append(x509.NameAttribute(NameOID.USER_ID, uid))
    return x509.Name(parts)


class TestCA:
    """A root CA that issues signer certificates."""

    def __init__(self, cn="CA thử nghiệm doithoai"):
        self.key = _key()
        name = _name(cn)
        self.cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(VALID_FROM)
            .not_valid_after(VALID_TO)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .sign(self.key, hashes.SHA256())
        )

    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def issue(self, cn: str, uid: str = ""):
        """Return (key, certificate) for a signer."""
        key = _key()
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name(cn, uid))
            .issuer_name(self.cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(VALID_FROM)
            .not_valid_after(VALID_TO)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=True,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
            )
            .sign(self.key, hashes.SHA256())
        )
        return key, cert

    def issue_tsa(self, cn="TSA thử nghiệm"):
        """Return (key, certificate) of a timestamp authority (EKU timeStamping, critical)."""
        key = _key()
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name(cn))
            .issuer_name(self.cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(VALID_FROM)
            .not_valid_after(VALID_TO)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
            )
            .sign(self.key, hashes.SHA256())
        )
        return key, cert

    def key_pem(self, key) -> bytes:
        """Return a private key as unencrypted PKCS#8 PEM (for softhsm2-util --import)."""
        return key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )

    def pkcs12(self, cn: str, uid: str = "", password: str = PASSWORD):
        """Return (PKCS#12 bytes, certificate) for a new signer."""
        key, cert = self.issue(cn, uid)
        return self.bundle(key, cert, password), cert

    def bundle(self, key, cert, password: str = PASSWORD) -> bytes:
        """Return an issued key and its certificate as PKCS#12 bytes."""
        cn = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
        return pkcs12.serialize_key_and_certificates(
            cn.encode(),
            key,
            cert,
            [self.cert],
            serialization.BestAvailableEncryption(password.encode()),
        )


def signature_png(size=(600, 240), colour=(20, 40, 200, 255)) -> bytes:
    """Return a blue 'handwritten' signature on a transparent background."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    w, h = size
    # A thick filled ellipse and a stroke: enough ink to find in a rendering.
    draw.ellipse((w * 0.1, h * 0.2, w * 0.9, h * 0.8), fill=colour)
    draw.line((0, h * 0.5, w, h * 0.5), fill=colour, width=12)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def seal_png(size=400, colour=(220, 20, 20, 255)) -> bytes:
    """Return a red round seal on a transparent background."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, size - 4, size - 4), outline=colour, width=size // 12)
    draw.ellipse((size * 0.3, size * 0.3, size * 0.7, size * 0.7), fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
