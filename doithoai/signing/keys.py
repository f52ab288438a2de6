"""The seal key of an agency: its own (`SealKey`), else the installation's (`DOITHOAI_SEAL_*`).

A key lives on a PKCS#11 token (or HSM) or in a PKCS#12 file. Its PIN or password is never in
the database: the configuration names a secret, read from the environment or from a file of
that name in `DOITHOAI_SECRETS_DIR`.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from doithoai.core.lazy import lazy_module

from .models import SECRET_NAME, KeyStore, Method, SealKey

# pyHanko (with aiohttp and fontTools) loads on the first signature or check (see core.lazy).
pades = lazy_module("doithoai.signing.pades")


def allowed_modules() -> list[str]:
    """Return the PKCS#11 libraries an agency's configuration may load."""
    modules = list(settings.SIGNING_PKCS11_MODULES)
    if settings.SEAL_PKCS11_MODULE:
        modules.append(settings.SEAL_PKCS11_MODULE)
    return modules


def in_keys_dir(path: str) -> bool:
    """Tell whether `path` is a file inside the installation's key folder."""
    if not settings.SEAL_KEYS_DIR or not path:
        return False
    folder = Path(settings.SEAL_KEYS_DIR).resolve()
    return Path(path).resolve().is_relative_to(folder)


def secret(name: str) -> str:
    """Return the secret called `name` (environment first, then the secrets folder)."""
    try:
        SECRET_NAME(name)
    except ValidationError as exc:
        raise pades.SignerUnavailable(
            _("Tên bí mật của khóa ký số không hợp lệ: %(name)s.") % {"name": name}
        ) from exc
    if name in os.environ:
        return os.environ[name]
    if settings.SIGNING_SECRETS_DIR:
        path = Path(settings.SIGNING_SECRETS_DIR) / name
        if path.is_file():
            return path.read_text(encoding="utf-8").strip()
    raise pades.SignerUnavailable(
        _("Máy chủ chưa có bí mật %(name)s (PIN/mật khẩu khóa ký số của cơ quan).") % {"name": name}
    )


def agency_key(agency) -> SealKey | None:
    """Return the agency's own seal key configuration, if it has one."""
    if agency is None:
        return None
    return SealKey.objects.filter(agency=agency).first()


def pkcs11_config() -> pades.Pkcs11Config | None:
    """Return the installation's seal token configuration from the environment, or None."""
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
    """Tell whether a seal key is configured for `agency`, without opening it."""
    return (
        agency_key(agency) is not None
        or bool(settings.SEAL_PKCS11_MODULE)
        or bool(settings.SEAL_PKCS12)
    )


@contextlib.contextmanager
def _pkcs11(config: pades.Pkcs11Config):
    session, signer = pades.open_pkcs11(config)
    try:
        yield signer, Method.PKCS11
    finally:
        session.close()


def _pkcs12(path: str, password: str):
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise pades.SignerUnavailable(_("Không đọc được tệp khóa ký số của cơ quan.")) from exc
    return pades.pkcs12_signer(data, password)


def _check_certificate(key: SealKey, signer) -> None:
    """Refuse a key whose certificate is not the one recorded for the agency."""
    if key.certificate_value and not pades.matches(
        signer.signing_cert, key.certificate_attribute, key.certificate_value
    ):
        raise pades.SignerUnavailable(
            _("Chứng thư trên khóa không phải của cơ quan (%(attribute)s không khớp).")
            % {"attribute": key.get_certificate_attribute_display()}
        )


@contextlib.contextmanager
def _agency_signer(key: SealKey):
    if key.store == KeyStore.PKCS12:
        if not in_keys_dir(key.pkcs12_file):
            raise pades.SignerUnavailable(
                _("Tệp khóa của cơ quan không nằm trong thư mục khóa của máy chủ.")
            )
        signer = _pkcs12(key.pkcs12_file, secret(key.secret_name))
        _check_certificate(key, signer)
        yield signer, Method.PKCS12
        return
    if key.pkcs11_module not in allowed_modules():
        raise pades.SignerUnavailable(
            _("Thư viện PKCS#11 của cơ quan không được máy chủ cho phép.")
        )
    config = pades.Pkcs11Config(
        module=key.pkcs11_module,
        key_label=key.key_label,
        pin=secret(key.secret_name),
        token_label=key.token_label,
        slot=key.slot,
        cert_file=key.cert_file,
    )
    with _pkcs11(config) as (signer, method):
        _check_certificate(key, signer)
        yield signer, method


@contextlib.contextmanager
def seal_signer(agency=None):
    """Yield (signer, method) for `agency`'s seal; close the token session afterwards."""
    key = agency_key(agency)
    if key is not None:
        with _agency_signer(key) as opened:
            yield opened
        return
    config = pkcs11_config()
    if config is not None:
        with _pkcs11(config) as opened:
            yield opened
        return
    if settings.SEAL_PKCS12:
        password = os.environ.get(settings.SEAL_PKCS12_PASSWORD_ENV, "")
        yield _pkcs12(settings.SEAL_PKCS12, password), Method.PKCS12
        return
    raise pades.SignerUnavailable(
        _("Máy chủ chưa cấu hình khóa ký số của cơ quan (DOITHOAI_SEAL_PKCS11_MODULE).")
    )
