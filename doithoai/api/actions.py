"""Actions on personal API tokens: create (the secret is shown once) and revoke."""

import datetime
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.log import record
from doithoai.audit.models import Verb
from doithoai.core.actionkit import require_text, today
from doithoai.core.errors import InvalidTransition, PermissionRefused, ValidationFailed
from doithoai.organizations.access import primary_membership

from .models import ApiToken

TOKEN_PREFIX = "dth_"
MAX_LIFETIME_DAYS = 366


def hash_token(secret: str) -> str:
    """Hash a token secret the way it is stored."""
    return hashlib.sha256(secret.strip().encode()).hexdigest()


def _agency_of(user):
    """The agency whose audit chain records the user's token events (None: the global one)."""
    member = primary_membership(user)
    return member.agency if member is not None else None


@transaction.atomic
def create_token(*, by, name: str, expires_on: datetime.date) -> tuple[ApiToken, str]:
    """Create a personal token for `by`; return it with its secret, which is never stored."""
    if not getattr(by, "is_authenticated", False):
        raise PermissionRefused()
    name = require_text(name, "name", _("tên khóa"), max_length=100)
    if expires_on is None:
        raise ValidationFailed(_("Chọn ngày hết hạn."), field="expires_on")
    if expires_on <= today():
        raise ValidationFailed(_("Ngày hết hạn phải sau hôm nay."), field="expires_on")
    if expires_on > today() + datetime.timedelta(days=MAX_LIFETIME_DAYS):
        raise ValidationFailed(
            _("Khóa API có hiệu lực tối đa %(n)s ngày.") % {"n": MAX_LIFETIME_DAYS},
            field="expires_on",
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    # The token stops working at the end of its last day in the agency's time zone.
    end = datetime.datetime.combine(expires_on, datetime.time.max)
    token = ApiToken.objects.create(
        user=by,
        name=name,
        prefix=secret[: len(TOKEN_PREFIX) + 6],
        hash=hash_token(secret),
        expires_at=timezone.make_aware(end),
    )
    record(
        Verb.TOKEN_CREATED,
        token,
        by=by,
        agency=_agency_of(by),
        after={"name": name, "prefix": token.prefix, "expires_on": expires_on},
    )
    return token, secret


@transaction.atomic
def revoke_token(*, token: ApiToken, by) -> ApiToken:
    """Revoke one of one's own tokens; it stops working at once."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if not getattr(by, "is_authenticated", False) or token.user_id != by.pk:
        raise PermissionRefused()
    if token.revoked_at is not None:
        raise InvalidTransition(_("Khóa API đã bị thu hồi."), field="token")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(
        Verb.TOKEN_REVOKED,
        token,
        by=by,
        agency=_agency_of(by),
        after={"name": token.name, "prefix": token.prefix},
    )
    return token
