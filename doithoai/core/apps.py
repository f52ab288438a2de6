from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "doithoai.core"
    label = "core"
