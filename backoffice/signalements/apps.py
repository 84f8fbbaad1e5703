from django.apps import AppConfig


class SignalementsConfig(AppConfig):
    name = "backoffice.signalements"
    verbose_name = "Signalements"
