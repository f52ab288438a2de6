"""Template helpers for the site layout: the header context, dates, badges."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from doithoai.core.text import format_vn_date
from doithoai.notifications import services
from doithoai.organizations.access import primary_membership
from doithoai.organizations.models import Role
from doithoai.portal.navigation import nav_for

register = template.Library()


@register.simple_tag(takes_context=True)
def site_context(context):
    """Return what the header shows: agency, the user's name and roles, the navigation."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"user": None, "nav": []}
    m = primary_membership(user)
    role_labels = [str(Role(r).label) for r in sorted(m.role_set)] if m else []
    return {
        "user": user,
        "name": user.get_full_name() or user.get_username(),
        "agency": m.agency if m else None,
        "unit": m.unit if m else None,
        "roles": role_labels,
        "nav": nav_for(user, request.path),
        "notifications": _unread_count(user),
    }


def _unread_count(user) -> int:
    """Return the user's unread notifications."""
    return services.unread_count(user)


@register.filter
def vndate(value):
    """Format a date (or datetime, in local time) as dd/mm/yyyy."""
    if value is None or value == "":
        return ""
    if hasattr(value, "hour"):
        from django.utils import timezone  # noqa: PLC0415

        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%d/%m/%Y %H:%M")
    return format_vn_date(value)


@register.simple_tag
def status_badge(obj):
    """Render a petition's (or any object's) status as a coloured badge.

    A simple tag, not an inclusion template: a list renders one per row, and a template
    per badge cost about half a millisecond each.
    """
    status = getattr(obj, "status", obj)
    label = obj.get_status_display() if hasattr(obj, "get_status_display") else status
    return format_html('<span class="badge status-{}">{}</span>', status, label)


@register.inclusion_tag("partials/deadline_badge.html")
def deadline_badge(deadline, today=None):
    """Render a deadline as "còn N ngày làm việc" / "quá hạn N ngày" with its computation."""
    from doithoai.deadlines.display import describe  # noqa: PLC0415

    return describe(deadline, today=today)


@register.inclusion_tag("partials/field.html")
def field(bound_field, hint=""):
    """Render one form field with its label, help, and errors next to it."""
    return {"field": bound_field, "hint": hint or bound_field.help_text}


@register.inclusion_tag("partials/pagination.html", takes_context=True)
def pagination(context, page_obj):
    """Render previous/next links that keep the current filters."""
    request = context["request"]
    params = request.GET.copy()
    params.pop("page", None)
    return {"page_obj": page_obj, "query": params.urlencode(), "_": _}
