from django.apps import AppConfig


class AffichageConfig(AppConfig):
    name = "backoffice.affichage"
    verbose_name = "Affichage"

    def ready(self):
        from . import cellules

        cellules.installer()
