from django.apps import AppConfig


class ConferencesConfig(AppConfig):
    name = "doithoai.conferences"
    label = "conferences"
