from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigningConfig(AppConfig):
    name = "doithoai.signing"
    verbose_name = _("Ký số văn bản")

    def ready(self):
        from doithoai.documents import service
        from doithoai.reports.actions import SIGNATURE_POLICIES

        from . import actions, originals

        # `/van-ban/…pdf` serves the signed original once one is stored.
        service.register_signed_source(originals.signed_original)
        # An agency that can seal digitally sends its reports signed and sealed.
        if actions.can_seal_digitally not in SIGNATURE_POLICIES:
            SIGNATURE_POLICIES.append(actions.can_seal_digitally)
