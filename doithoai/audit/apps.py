from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "doithoai.audit"
    label = "audit"
