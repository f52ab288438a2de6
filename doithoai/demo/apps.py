from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo story (development only): `doithoai demo` builds it through the actions."""

    name = "doithoai.demo"
    label = "demo"
    verbose_name = _("Dữ liệu mẫu")
