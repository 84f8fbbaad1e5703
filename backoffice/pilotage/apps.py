from django.apps import AppConfig


class PilotageConfig(AppConfig):
    name = "backoffice.pilotage"
    verbose_name = "Pilotage"
