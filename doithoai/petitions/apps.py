from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    """Petitions: intake, handling, visibility and privacy."""

    name = "doithoai.petitions"
    label = "petitions"
    verbose_name = _("Kiến nghị")

    def ready(self):
        from doithoai.core import events

        from .receivers import on_agency_created, on_agency_merged

        events.subscribe("agency_created", on_agency_created)
        events.subscribe("agency_merged", on_agency_merged)
