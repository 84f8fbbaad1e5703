from django.apps import AppConfig


class OccupationConfig(AppConfig):
    name = "backoffice.occupation"
    verbose_name = "Occupation et contrôle"

    def ready(self):
        from backoffice.acces.policies import enregistrer_politiques
        from backoffice.acces.roles import OCCUPATION

        enregistrer_politiques(OCCUPATION)
