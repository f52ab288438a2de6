from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "doithoai.reports"
    label = "reports"
