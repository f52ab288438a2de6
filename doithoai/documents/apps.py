from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "doithoai.documents"
    label = "documents"
