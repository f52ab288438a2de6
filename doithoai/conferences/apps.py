from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferencesConfig(AppConfig):
    """Plans, conferences, their running order and the conclusion notice."""

    name = "doithoai.conferences"
    label = "conferences"
    verbose_name = _("Hội nghị đối thoại")

    def ready(self):
        from doithoai.core import events

        from . import receivers

        events.subscribe("petition_scheduled", receivers.on_petition_scheduled)
        events.subscribe("petition_left_agenda", receivers.on_petition_left_agenda)
        events.subscribe("agency_merged", receivers.on_agency_merged)
