from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "doithoai.petitions"
    label = "petitions"
