from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    name = "doithoai.followups"
    label = "followups"
