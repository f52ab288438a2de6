"""Record log-ins, log-outs, failures, lockouts, password and second-factor changes.

Each is an audit event (user, time, address) in the chain of the user's agency, so the
agency administrator sees it (organizations → "Nhật ký đăng nhập"); an attempt on an
account name that does not exist goes to the global chain, which the site staff read.
"""

import contextvars

from django.contrib.auth import get_user_model
from django.db import transaction

from doithoai.audit.log import record
from doithoai.audit.models import Verb
from doithoai.core.net import client_address
from doithoai.organizations.access import primary_membership

ACCESS_VERBS = [v for v in Verb if v.value.startswith("access.")]

# The request being served, so that model signals (a password saved, a device added) know
# the address and the acting user. Set by SessionLimitsMiddleware.
current_request = contextvars.ContextVar("doithoai_current_request", default=None)


class UnknownAccount:
    """Stand in for the account an attempt named when no such account exists."""

    pk = ""

    def __init__(self, username: str):
        self._meta = get_user_model()._meta
        self.username = username[:150]

    def __str__(self):
        return self.username


def record_access(verb: Verb, user=None, *, request=None, username: str = "", by=None, **extra):
    """Write one access event; `user` is the account concerned (None: unknown name)."""
    request = request if request is not None else current_request.get()
    after = {"address": client_address(request) if request is not None else ""}
    after["username"] = user.get_username() if user is not None else username[:150]
    after.update(extra)
    agency = None
    if user is not None:
        membership = primary_membership(user)
        agency = membership.agency if membership is not None else None
    obj = user if user is not None else UnknownAccount(username)
    with transaction.atomic():
        record(verb, obj, by=by, agency=agency, after=after)
