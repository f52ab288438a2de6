from django.contrib import admin

from doithoai.core.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import (
    Agency,
    AgencyName,
    Counter,
    Delegation,
    Membership,
    MembershipRole,
    Reorganisation,
    Unit,
)


class UnitInline(ReadOnlyInline):
    model = Unit
    fields = ["code", "name", "parent", "is_active"]


class NameInline(ReadOnlyInline):
    model = AgencyName
    fields = ["valid_from", "name", "parent_body_name", "locality", "legal_basis"]


@admin.register(Agency)
class AgencyAdmin(ReadOnlyAdmin):
    list_display = ["name", "code", "locality", "parent", "successor", "ended_on"]
    search_fields = ["name", "code"]
    inlines = [NameInline, UnitInline]


@admin.register(Reorganisation)
class ReorganisationAdmin(ReadOnlyAdmin):
    """Reorganisations are recorded with `doithoai reorganise` (audited), read here."""

    list_display = ["agency", "kind", "effective_on", "legal_basis", "successor", "new_parent"]
    list_filter = ["kind"]


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = ["name", "code", "agency", "parent", "is_active"]
    list_filter = ["agency"]
    search_fields = ["name", "code"]


class RoleInline(ReadOnlyInline):
    model = MembershipRole
    fields = ["role"]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["user", "agency", "unit", "position_title", "staff_category", "is_active"]
    list_filter = ["agency", "staff_category", "roles__role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user", "agency", "unit"]
    inlines = [RoleInline]


@admin.register(Delegation)
class DelegationAdmin(ReadOnlyAdmin):
    list_display = [
        "kind",
        "grantor",
        "grantee",
        "conference",
        "valid_from",
        "valid_until",
        "revoked_at",
    ]
    list_filter = ["agency", "kind"]
    list_select_related = ["grantor", "grantee", "conference"]


@admin.register(Counter)
class CounterAdmin(ReadOnlyAdmin):
    list_display = ["agency", "key", "year", "value"]


@admin.register(MembershipRole)
class MembershipRoleAdmin(ReadOnlyAdmin):
    list_display = ["membership", "role", "agency"]
    list_filter = ["agency", "role"]
    list_select_related = ["membership__user", "agency"]
