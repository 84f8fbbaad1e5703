from django.apps import AppConfig


class ControleConfig(AppConfig):
    name = "backoffice.controle"
    verbose_name = "Contrôles et inspections"
