from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The site shell: home page, navigation, log-in and the public receipt lookup."""

    name = "doithoai.portal"
    label = "portal"
    verbose_name = _("Trang chung")
