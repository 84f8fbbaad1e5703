from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "backoffice"
    verbose_name = "Parc d'hébergement"

    def ready(self):
        from . import demarrage

        demarrage.connecter()
