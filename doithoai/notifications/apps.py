from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "doithoai.notifications"
    label = "notifications"
