from django.contrib import admin

from doithoai.core.admin import ReadOnlyAdmin

from .models import Notification, Reminder


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "recipient", "kind", "text", "read_at"]
    list_filter = ["agency", "kind"]
    list_select_related = ["recipient"]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["sent_on", "kind", "deadline", "due_date", "recipients"]
    list_filter = ["kind"]
