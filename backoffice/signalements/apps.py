from django.apps import AppConfig


class SignalementsConfig(AppConfig):
    name = "backoffice.signalements"
    verbose_name = "Signalements"

    def ready(self):
        from backoffice.acces.policies import enregistrer_politiques
        from backoffice.acces.roles import SIGNALEMENTS

        enregistrer_politiques(SIGNALEMENTS)
