from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "doithoai.reports"
    label = "reports"
    verbose_name = _("Thống kê, báo cáo")
