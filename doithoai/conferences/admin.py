from django.contrib import admin

from doithoai.core.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import AgendaItem, ConclusionNotice, Conference, DialoguePlan, Statement


@admin.register(DialoguePlan)
class DialoguePlanAdmin(ReadOnlyAdmin):
    list_display = ["symbol", "year", "agency", "issued_on", "signer"]
    list_filter = ["agency", "year"]


class AgendaInline(ReadOnlyInline):
    model = AgendaItem
    fields = ["position", "petition", "status", "answerer"]


@admin.register(Conference)
class ConferenceAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "starts_at", "chair", "status", "agency"]
    list_filter = ["agency", "kind", "status"]
    inlines = [AgendaInline]


@admin.register(Statement)
class StatementAdmin(ReadOnlyAdmin):
    list_display = ["conference", "speaker_name", "petition", "recorded_at"]
    list_filter = ["conference"]


@admin.register(ConclusionNotice)
class ConclusionNoticeAdmin(ReadOnlyAdmin):
    list_display = ["symbol", "conference", "status", "issued_on", "signer"]


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyAdmin):
    list_display = ["conference", "position", "petition", "status"]
    list_filter = ["status"]
    list_select_related = ["conference", "petition"]
