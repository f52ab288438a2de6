"""Who may open a page: the user's membership and roles in their agency."""

import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from .access import primary_membership
from .models import Role


def role_required(*roles):
    """Send anonymous users to log in; refuse (403) users without any of `roles`.

    The view receives `request.membership` (the user's membership holding the role).
    """

    def decorator(view):
        @login_required
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            m = primary_membership(request.user)
            if m is None or not (m.role_set & set(roles)):
                raise PermissionDenied
            request.membership = m
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def member_required(view):
    """Send anonymous users to log in; refuse (403) users who belong to no agency."""
    return role_required(*Role.values)(view)
