"""Deadlines in the admin: each agency's rules (edited by its administrator), deadlines read-only."""

from django.contrib import admin

from doithoai.core.admin import ReadOnlyAdmin
from doithoai.organizations.access import agencies_with_role, has_role
from doithoai.organizations.models import Role

from . import actions
from .models import Deadline, DeadlineRules


@admin.register(DeadlineRules)
class DeadlineRulesAdmin(admin.ModelAdmin):
    list_display = [
        "agency",
        "compilation_days_before",
        "notice_working_days",
        "resolution_working_days",
        "resolution_verification_working_days",
        "reminder_working_days_before",
    ]
    readonly_fields = ["agency", "updated_at"]
    exclude: list = []

    def get_queryset(self, request):
        rows = super().get_queryset(request).select_related("agency")
        if request.user.is_superuser:
            return rows
        return rows.filter(agency_id__in=agencies_with_role(request.user, Role.ADMIN))

    def _is_admin(self, request, obj=None) -> bool:
        user = request.user
        if user.is_superuser:
            return True
        if obj is None:
            return bool(agencies_with_role(user, Role.ADMIN))
        return has_role(user, obj.agency, Role.ADMIN)

    def has_module_permission(self, request):
        return self._is_admin(request)

    def has_view_permission(self, request, obj=None):
        return self._is_admin(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._is_admin(request, obj)

    def has_add_permission(self, request):
        return False  # created with the defaults the first time an agency needs it

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        actions.update_rules(agency=obj.agency, changes=changes, by=request.user)


@admin.register(Deadline)
class DeadlineAdmin(ReadOnlyAdmin):
    list_display = ["kind", "agency", "unit", "start_date", "due_date", "status", "completed_late"]
    list_filter = ["agency", "kind", "status", "day_kind"]
    list_select_related = ["agency", "unit"]
    date_hierarchy = "due_date"
