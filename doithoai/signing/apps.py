from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigningConfig(AppConfig):
    name = "doithoai.signing"
    verbose_name = _("Ký số văn bản")
