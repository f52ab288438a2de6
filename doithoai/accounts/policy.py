"""Who must use a second factor, and whose idle session ends early.

The second factor is django-otp (TOTP devices, static recovery codes) with the
django-otp-webauthn plugin for passkeys. Chosen over django-allauth's MFA because it fits
Django's own authentication views, which doithoai already uses (allauth would replace the
whole log-in, sign-up and e-mail flow), it is maintained under Jazzband/Wagtail's
maintainers, and `user.is_verified()` gives the one check the middleware needs. Both
install cleanly on Python 3.11 / Django 5.2.
"""

from django.conf import settings
from django_otp import user_has_device

from doithoai.organizations.access import memberships

SITE_STAFF = "site_staff"  # the role code of /admin/ staff and superusers


def role_codes(user) -> frozenset[str]:
    """Return every role code the user holds in any agency, plus `site_staff`."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    codes = set()
    for m in memberships(user).values():
        codes |= m.role_set
    if user.is_staff or user.is_superuser:
        codes.add(SITE_STAFF)
    return frozenset(codes)


def needs_second_factor(user) -> bool:
    """Tell whether the user must pass a second factor (off with DEBUG unless MFA_IN_DEBUG)."""
    required = set(settings.MFA_REQUIRED_ROLES)
    return bool(settings.MFA_ENFORCED and required and required & role_codes(user))


def is_privileged(user) -> bool:
    """Tell whether the user holds a privileged role (whose idle sessions end early)."""
    return bool(set(settings.PRIVILEGED_ROLES) & role_codes(user))


def is_enrolled(user) -> bool:
    """Tell whether the user has a confirmed second-factor device."""
    return user_has_device(user, confirmed=True)
