from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    """The live conference: phones, the projector and the consoles in step."""

    name = "doithoai.live"
    label = "live"
    verbose_name = _("Hội nghị trực tuyến")

    def ready(self):
        from django.contrib.auth.signals import user_logged_out
        from django.db.models.signals import post_save

        from doithoai.audit.models import AuditEvent
        from doithoai.conferences.views import add_workspace_context

        from . import receivers
        from .console import console_context

        post_save.connect(receivers.bump_on_audit, sender=AuditEvent, dispatch_uid="live.bump")
        user_logged_out.connect(receivers.drop_pass_on_logout, dispatch_uid="live.pass")
        add_workspace_context(console_context)
