from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "doithoai.notifications"
    label = "notifications"
    verbose_name = _("Thông báo")

    def ready(self):
        from doithoai.core import events

        from .receivers import on_assignment_urged, subscribe_all

        events.subscribe("assignment_urged", on_assignment_urged)
        subscribe_all(events.subscribe)
