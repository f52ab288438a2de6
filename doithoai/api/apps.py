from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "doithoai.api"
    label = "api"
