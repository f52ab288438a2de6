from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "doithoai.reports"
    label = "reports"
    verbose_name = _("Thống kê, báo cáo")

    def ready(self):
        from django.db.models.signals import post_save

        from doithoai.audit.models import AuditEvent

        from .summaries import on_audit_event

        post_save.connect(on_audit_event, sender=AuditEvent, dispatch_uid="reports.summaries")
