from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "doithoai.organizations"
    label = "organizations"
    verbose_name = _("Tổ chức, nhân sự")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import access
        from .models import Agency, Membership, MembershipRole, Unit

        for model in (Membership, MembershipRole):
            for signal in (post_save, post_delete):
                signal.connect(
                    access.on_membership_change,
                    sender=model,
                    dispatch_uid=f"access.{model.__name__}.{signal is post_save}",
                )
        for model in (Agency, Unit):
            for signal in (post_save, post_delete):
                signal.connect(
                    access.on_agency_or_unit_change,
                    sender=model,
                    dispatch_uid=f"access.{model.__name__}.{signal is post_save}",
                )
