from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _keep_append_only(sender, using="default", **kwargs):
    """Re-install the refusing triggers after any migration (SQLite drops them on a rebuild)."""
    from django.db import connections

    from . import protection

    connection = connections[using]
    if protection.TABLE in connection.introspection.table_names():
        protection.install(connection)


class AuditConfig(AppConfig):
    name = "doithoai.audit"
    label = "audit"
    verbose_name = _("Nhật ký thao tác")

    def ready(self):
        from . import tracking

        post_migrate.connect(_keep_append_only, sender=self, dispatch_uid="audit-append-only")
        tracking.connect()
