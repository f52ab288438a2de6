from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupsConfig(AppConfig):
    """What follows a conference: answers, commitments, assignments and their resolution."""

    name = "doithoai.followups"
    label = "followups"
    verbose_name = _("Giải quyết sau hội nghị")

    def ready(self):
        from doithoai.conferences.minutes import add_minutes_contributor
        from doithoai.conferences.views import add_workspace_context
        from doithoai.core import events
        from doithoai.petitions.visibility import link_unit

        from . import receivers

        link_unit(receivers.assigned_to_unit)
        events.subscribe("notice_issued", receivers.on_notice_issued)
        events.subscribe("deadline_recomputed", receivers.on_deadline_recomputed)
        events.subscribe("agency_merged", receivers.on_agency_merged)
        add_workspace_context(receivers.conference_assignments)
        add_minutes_contributor(receivers.minutes_parts)
