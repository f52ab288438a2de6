from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigningConfig(AppConfig):
    name = "doithoai.signing"
    verbose_name = _("Ký số văn bản")

    def ready(self):
        from doithoai.documents import service

        from . import originals

        # `/van-ban/…pdf` serves the signed original once one is stored.
        service.register_signed_source(originals.signed_original)
