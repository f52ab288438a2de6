from django.contrib import admin

from doithoai.core.admin import ReadOnlyAdmin

from .models import Observation


@admin.register(Observation)
class ObservationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "agency", "kind", "author", "answered_at"]
    list_filter = ["agency", "kind"]
