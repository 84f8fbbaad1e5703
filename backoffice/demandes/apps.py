from django.apps import AppConfig


class DemandesConfig(AppConfig):
    name = "backoffice.demandes"
    verbose_name = "Demandes"
