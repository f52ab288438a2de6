"""Page helpers: who may open a page, the user's agency, pagination, htmx partials."""

import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from doithoai.organizations.access import primary_membership

PAGE_SIZE = 25


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
    return role_required(*_all_roles())(view)


def _all_roles():
    from doithoai.organizations.models import Role

    return Role.values


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    """Return one page of `queryset` (bounded size; a bad page number gives the last page)."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def render_htmx(request, template: str, partial: str, context: dict, **kwargs):
    """Render the whole page, or only its named partial when htmx asks for it."""
    name = partial if getattr(request, "htmx", False) else template
    return render(request, name, context, **kwargs)
