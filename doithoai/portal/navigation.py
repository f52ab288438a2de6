"""The site's navigation: which links each role sees.

Every page is named by its URL name; a name that does not resolve is an error (the test of
the navigation renders it for every role), never a link silently left out.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from doithoai.organizations.access import memberships
from doithoai.organizations.models import Role

EVERYONE = frozenset(Role.values)


@dataclass(frozen=True)
class NavItem:
    """One link in the header: label, URL name and the roles that see it."""

    label: str
    url_name: str
    roles: frozenset
    count: Callable | None = None  # count(user) -> how many items wait there, shown beside


STAFF = frozenset({Role.STAFF, Role.UNIT_LEADER})
SECRETARIAT = frozenset({Role.SECRETARIAT})

NAV = [
    NavItem(_("Việc cần làm"), "home", EVERYONE),
    NavItem(_("Gửi kiến nghị"), "petitions:submit", STAFF),
    NavItem(_("Kiến nghị của tôi"), "petitions:mine", STAFF),
    NavItem(_("Tiếp nhận"), "petitions:inbox", SECRETARIAT),
    NavItem(_("Đưa vào hội nghị"), "conferences:schedule", SECRETARIAT),
    NavItem(_("Tổng hợp"), "conferences:compilations", SECRETARIAT),
    NavItem(_("Đôn đốc"), "followups:followup", SECRETARIAT),
    NavItem(_("Công bố"), "followups:publish", SECRETARIAT),
    NavItem(
        _("Hội nghị"),
        "conferences:list",
        frozenset({Role.HEAD, Role.DEPUTY, Role.SECRETARIAT, Role.INSPECTOR}),
    ),
    NavItem(_("Kế hoạch"), "conferences:plans", frozenset({Role.HEAD, Role.SECRETARIAT})),
    NavItem(_("Kết quả xử lý"), "followups:decisions", frozenset({Role.HEAD, Role.DEPUTY})),
    NavItem(_("Đơn vị xử lý"), "followups:unit", frozenset({Role.UNIT_LEADER})),
    NavItem(_("Giám sát"), "oversight:home", frozenset({Role.INSPECTOR})),
    NavItem(_("Các cơ quan cấp dưới"), "reports:province_index", frozenset({Role.SUPERVISOR})),
    NavItem(
        _("Ý kiến giám sát"),
        "oversight:observations",
        frozenset({Role.HEAD}),
        count=lambda user: unanswered_for_head(user),
    ),
    NavItem(
        _("Thời hạn"),
        "deadlines:board",
        frozenset({Role.HEAD, Role.DEPUTY, Role.SECRETARIAT, Role.INSPECTOR}),
    ),
    NavItem(
        _("Thống kê"),
        "reports:index",
        frozenset({Role.HEAD, Role.DEPUTY, Role.SECRETARIAT, Role.INSPECTOR}),
    ),
    NavItem(_("Quản trị"), "organizations:home", frozenset({Role.ADMIN})),
    NavItem(_("Webhook"), "notifications:webhooks", frozenset({Role.ADMIN})),
    NavItem(_("Trả lời đã công khai"), "followups:published", EVERYONE),
    NavItem(_("Ủy quyền đại diện"), "petitions:authorize", STAFF),
]


def unanswered_for_head(user) -> int:
    """Count the board's unanswered recommendations in the agencies the user heads."""
    from doithoai.organizations.access import agencies_with_role

    from .home import unanswered_recommendations

    return sum(
        unanswered_recommendations(agency_id).count()
        for agency_id in agencies_with_role(user, Role.HEAD)
    )


def user_roles(user) -> frozenset[str]:
    """Return every role the user holds in any of their agencies."""
    out: set[str] = set()
    for m in memberships(user).values():
        out |= m.role_set
    return frozenset(out)


def nav_for(user, current_path: str = "") -> list[dict]:
    """Return the links the user sees, marking the one for the current page."""
    held = user_roles(user)
    links = []
    for item in NAV:
        if not (held & item.roles):
            continue
        url = reverse(item.url_name)
        current = url == current_path or (url != "/" and current_path.startswith(url))
        label = item.label
        if item.count is not None and (waiting := item.count(user)):
            label = f"{label} ({waiting})"
        links.append({"label": label, "url": url, "current": current})
    if getattr(user, "is_superuser", False):
        url = reverse("organizations:site_agencies")
        current = current_path.startswith(url.rsplit("co-quan/", 1)[0])
        links.append({"label": _("Cơ quan trong hệ thống"), "url": url, "current": current})
    return links
