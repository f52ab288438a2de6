from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "doithoai.workdays"
    label = "workdays"
    verbose_name = _("Lịch ngày làm việc")

    def ready(self):
        from django.core.signals import request_started
        from django.db.models.signals import post_delete, post_save

        from . import loader
        from .models import OfficialScheduleEntry

        request_started.connect(loader.recheck, dispatch_uid="workdays.recheck")
        post_save.connect(loader.clear, sender=OfficialScheduleEntry, dispatch_uid="workdays.s")
        post_delete.connect(loader.clear, sender=OfficialScheduleEntry, dispatch_uid="workdays.d")
