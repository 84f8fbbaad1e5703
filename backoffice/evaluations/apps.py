from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "backoffice.evaluations"
    verbose_name = "Évaluations des ESSMS"
