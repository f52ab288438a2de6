"""The official schedule in the admin: edits go through the audited actions."""

from django.contrib import admin

from . import actions
from .models import OfficialScheduleEntry


@admin.register(OfficialScheduleEntry)
class OfficialScheduleEntryAdmin(admin.ModelAdmin):
    list_display = ["date", "year", "kind", "name", "source"]
    list_filter = ["year", "kind"]
    search_fields = ["name", "source", "note"]
    date_hierarchy = "date"
    fields = ["date", "kind", "name", "source", "note"]

    def save_model(self, request, obj, form, change):
        actions.save_schedule_entry(entry=obj, by=request.user)

    def delete_model(self, request, obj):
        actions.delete_schedule_entry(entry=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for entry in queryset:
            actions.delete_schedule_entry(entry=entry, by=request.user)
