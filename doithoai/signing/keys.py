"""The agency seal key the installation configures: a PKCS#11 token (or HSM), else a PKCS#12 file."""

import contextlib
import os

from django.conf import settings
from django.utils.translation import gettext as _

from . import pades
from .models import Method


def pkcs11_config() -> pades.Pkcs11Config | None:
    """Return the seal token's configuration from the environment, or None."""
    if not settings.SEAL_PKCS11_MODULE:
        return None
    return pades.Pkcs11Config(
        module=settings.SEAL_PKCS11_MODULE,
        key_label=settings.SEAL_PKCS11_KEY,
        pin=os.environ.get(settings.SEAL_PKCS11_PIN_ENV, ""),
        token_label=settings.SEAL_PKCS11_TOKEN,
        slot=int(settings.SEAL_PKCS11_SLOT) if settings.SEAL_PKCS11_SLOT else None,
        cert_file=settings.SEAL_PKCS11_CERT,
    )


def seal_configured(agency=None) -> bool:
    """Tell whether a seal key is configured (the token or the PKCS#12 file), without opening it."""
    return bool(settings.SEAL_PKCS11_MODULE or settings.SEAL_PKCS12)


@contextlib.contextmanager
def seal_signer():
    """Yield (signer, method) for the agency seal; close the token session afterwards."""
    config = pkcs11_config()
    if config is not None:
        session, signer = pades.open_pkcs11(config)
        try:
            yield signer, Method.PKCS11
        finally:
            session.close()
        return
    if settings.SEAL_PKCS12:
        with open(settings.SEAL_PKCS12, "rb") as handle:
            data = handle.read()
        password = os.environ.get(settings.SEAL_PKCS12_PASSWORD_ENV, "")
        yield pades.pkcs12_signer(data, password), Method.PKCS12
        return
    raise pades.SignerUnavailable(
        _("Máy chủ chưa cấu hình khóa ký số của cơ quan (DOITHOAI_SEAL_PKCS11_MODULE).")
    )
