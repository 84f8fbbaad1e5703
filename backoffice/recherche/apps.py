from django.apps import AppConfig


class RechercheConfig(AppConfig):
    name = "backoffice.recherche"
    label = "recherche"
    verbose_name = "Recherche"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
