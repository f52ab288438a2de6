from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "doithoai.workdays"
    label = "workdays"
