from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "doithoai.organizations"
    label = "organizations"
