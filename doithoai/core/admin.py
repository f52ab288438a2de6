"""Admin helpers: domain records are read-only in the admin, because changes go through actions."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Show a domain model in the admin without letting it bypass the actions."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    """Show related rows inline, read-only."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
