from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "doithoai.oversight"
    label = "oversight"
