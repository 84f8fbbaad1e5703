from django.apps import AppConfig


class SchemasConfig(AppConfig):
    name = "backoffice.schemas"
    verbose_name = "Schéma régional d'accueil"

    def ready(self):
        from backoffice.acces.policies import enregistrer_politiques
        from backoffice.acces.roles import SCHEMAS

        # Roles give the action, the schéma's région gives the rows (perimetres._q_schema).
        enregistrer_politiques(SCHEMAS)
