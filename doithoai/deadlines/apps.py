from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "doithoai.deadlines"
    label = "deadlines"
    verbose_name = _("Thời hạn")

    def ready(self):
        from doithoai.core import events

        from .receivers import on_agency_merged

        events.subscribe("agency_merged", on_agency_merged)
