from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "doithoai.deadlines"
    label = "deadlines"
